@_exported import Figures
