/// A picture a lesson cell shows: plain data, rendered to SVG only by the site.
///
/// A cell calls ``show(_:)``; the lesson program writes the figure on its standard output as one
/// marked line (see ``FigureWire``); the runner lifts it out of the cell's text output and keeps it
/// with the cell's result; the site draws it. Keeping the figure as data (not SVG) means the
/// program never depends on rendering, and the renderer owns every pixel decision.
public enum Figure: Codable, Equatable, Sendable {
    /// Values per step, one line per series.
    case lineChart(LineChart)
    /// A directed graph in Graphviz DOT, such as the autograd graph behind a loss.
    case graph(GraphFigure)
    /// One chart per value of a parameter; the reader switches between them.
    case explorer(Explorer)

    /// The figure's title, used as its caption and its accessible name.
    public var title: String {
        switch self {
        case .lineChart(let chart): chart.title
        case .graph(let graph): graph.title
        case .explorer(let explorer): explorer.title
        }
    }
}

/// A family of line charts over one parameter (steps frozen before unfreezing, momentum, weight
/// decay…), every one computed when the lesson ran. The site shows one at a time with a button per
/// value, on one shared y axis so the charts compare at a glance; nothing is computed in the
/// browser.
public struct Explorer: Codable, Equatable, Sendable {
    /// The caption, also the figure's accessible name.
    public var title: String
    /// What changes from chart to chart (for example `frozen steps`).
    public var parameter: String
    /// The charts, in the order the buttons offer them; the first shows first.
    public var frames: [Frame]

    /// One value of the parameter and the chart it gives.
    public struct Frame: Codable, Equatable, Sendable {
        /// The value as the button shows it (`100`, `0.9`, `setToNone`).
        public var value: String
        public var chart: LineChart

        public init(value: String, chart: LineChart) {
            self.value = value
            self.chart = chart
        }
    }

    /// Creates an explorer.
    public init(title: String, parameter: String, frames: [Frame]) {
        self.title = title
        self.parameter = parameter
        self.frames = frames
    }

    /// Creates an explorer with one chart per value, made by `chart`.
    public init<Value>(title: String, parameter: String, values: [Value], chart: (Value) throws -> LineChart) rethrows {
        self.init(title: title, parameter: parameter,
                  frames: try values.map { Frame(value: "\($0)", chart: try chart($0)) })
    }
}

/// A line chart: an x axis shared by every series, a y axis, a legend.
public struct LineChart: Codable, Equatable, Sendable {
    /// The caption, also the chart's accessible name.
    public var title: String
    /// Label of the horizontal axis (for example `step`).
    public var xLabel: String
    /// Label of the vertical axis (for example `‖grad‖`).
    public var yLabel: String
    /// The lines, drawn in order; the legend lists them in the same order.
    public var series: [Series]
    /// Draw the y axis on a log scale (values must then be positive).
    public var logY: Bool

    /// Creates a chart.
    public init(title: String, xLabel: String = "step", yLabel: String, series: [Series], logY: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.logY = logY
    }

    /// One named line of a chart.
    public struct Series: Codable, Equatable, Sendable {
        /// The name shown in the legend.
        public var name: String
        /// The points, in x order. A `nil` y leaves a gap (for example a gradient that is `nil`).
        public var points: [Point]

        /// Creates a series from explicit points.
        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }

        /// Creates a series whose x values are `start, start + 1, …`.
        public init(name: String, values: [Double?], start: Double = 1) {
            self.name = name
            self.points = values.enumerated().map { Point(x: start + Double($0.offset), y: $0.element) }
        }
    }

    /// One point of a series.
    public struct Point: Codable, Equatable, Sendable {
        /// Horizontal position.
        public var x: Double
        /// Vertical position, or `nil` for a gap.
        public var y: Double?

        /// Creates a point.
        public init(x: Double, y: Double?) {
            self.x = x
            self.y = y
        }
    }
}

/// A graph to draw, given as Graphviz DOT source.
public struct GraphFigure: Codable, Equatable, Sendable {
    /// The caption, also the picture's accessible name.
    public var title: String
    /// The graph in DOT. Node attributes such as `class` carry the meaning (frozen, trainable, op)
    /// so the site can colour them for both themes.
    public var dot: String

    /// Creates a graph figure.
    public init(title: String, dot: String) {
        self.title = title
        self.dot = dot
    }
}
