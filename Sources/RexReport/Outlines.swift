import Foundation
import RexModel

/// The map's outlines (countries, Mali's régions and cercles) and the projection they were drawn with,
/// read at run time from `report/outlines.json` in the data folder (built by scripts/report/build_outlines.py).
public struct Outlines: Codable, Sendable {
    public var projection: Projection
    public var layers: [OutlineLayer]

    public init(projection: Projection, layers: [OutlineLayer]) {
        self.projection = projection; self.layers = layers
    }

    /// The outline file inside the data folder.
    public static let relativePath = "report/outlines.json"

    /// Reads the outlines from the data folder (`Gazetteers/`).
    public static func load(dataDirectory: URL) throws -> Outlines {
        let url = dataDirectory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReportError.missingOutlines(path: url.path)
        }
        do {
            return try JSONDecoder().decode(Outlines.self, from: data)
        } catch {
            throw ReportError.badOutlines(path: url.path, reason: "\(error)")
        }
    }

    public func layer(_ name: String) -> OutlineLayer? { layers.first { $0.name == name } }
}

public struct OutlineLayer: Codable, Sendable {
    public var name: String
    public var features: [OutlineFeature]
    public init(name: String, features: [OutlineFeature]) { self.name = name; self.features = features }
}

/// One outline: SVG path data in map units and a point to put its name.
public struct OutlineFeature: Codable, Sendable {
    public var id: String
    public var name: String
    public var label: [Double]?
    public var d: String
    public init(id: String, name: String, label: [Double]?, d: String) {
        self.id = id; self.name = name; self.label = label; self.d = d
    }
}

/// Equirectangular projection over a longitude/latitude box, the same arithmetic as the outline builder:
/// `x = (lon - west) * cos(standardParallel) * scale`, `y = (north - lat) * scale`.
public struct Projection: Codable, Sendable, Equatable {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double
    public var standardParallel: Double
    public var scale: Double
    public var width: Double
    public var height: Double

    enum CodingKeys: String, CodingKey {
        case west, south, east, north, standardParallel = "standard_parallel", scale, width, height
    }

    public init(west: Double, south: Double, east: Double, north: Double, width: Double) {
        self.west = west; self.south = south; self.east = east; self.north = north
        standardParallel = (south + north) / 2
        scale = width / ((east - west) * cos(standardParallel * .pi / 180))
        self.width = width
        height = (north - south) * scale
    }

    /// The map point of a coordinate, or nil when it lies outside the box.
    public func point(lat: Double, lon: Double) -> (x: Double, y: Double)? {
        guard lat.isFinite, lon.isFinite, (south...north).contains(lat), (west...east).contains(lon) else { return nil }
        return ((lon - west) * cos(standardParallel * .pi / 180) * scale, (north - lat) * scale)
    }
}

/// Problems building a report, with what to do about them.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case missingOutlines(path: String)
    case badOutlines(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missingOutlines(path):
            return "E060 map outlines not found at \(path): rebuild them with "
                + "`python3 scripts/report/build_outlines.py ../shared/data/geo` or point REX_DATA/--data at rex's Gazetteers/"
        case let .badOutlines(path, reason):
            return "E061 \(path) is not a valid outline file (\(reason)): rebuild it with scripts/report/build_outlines.py"
        case let .cannotWrite(path, reason):
            return "E062 cannot write \(path): \(reason)"
        }
    }
}
