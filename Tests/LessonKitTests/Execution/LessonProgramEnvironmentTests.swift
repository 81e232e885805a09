import Testing
@testable import LessonKit

/// What a lesson's Swift program runs with, on top of freezelab's own environment.
@Suite struct LessonProgramEnvironmentTests {
    @Test func oneBLASThreadUnlessTheEnvironmentAsksForMore() {
        let plain = LessonRunner.programEnvironment(inherited: ["PATH": "/usr/bin"])
        #expect(plain["OPENBLAS_NUM_THREADS"] == "1")
        // Asked for: the inherited value reaches the program untouched.
        let asked = LessonRunner.programEnvironment(inherited: ["OPENBLAS_NUM_THREADS": "4"])
        #expect(asked["OPENBLAS_NUM_THREADS"] == nil)
    }

    @Test func theBacktracerIsAlwaysOn() {
        for inherited in [[:], ["OPENBLAS_NUM_THREADS": "2"], ["SWIFT_BACKTRACE": "enable=no"]] {
            #expect(LessonRunner.programEnvironment(inherited: inherited)["SWIFT_BACKTRACE"] == LessonRunner.backtrace)
        }
    }
}
