import ArgumentParser
import Foundation
import Rex

/// The pipeline benchmark: throughput, start-up, memory and time per stage, against ICU's floor.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark the full pipeline over a corpus repeated to a target size.",
        discussion: """
        Reads the reports under PATH (default Corpus/raw), repeats them until the text reaches --megabytes, \
        and reports: start-up (loading every data file and building the pipeline), throughput (MB/s, words/s, \
        documents/s) on one core, end to end as `rex annotate` runs (the batch runner, each document's JSON line \
        encoded) with one job and with --jobs (with the CPU time used: more CPU time with --jobs than with one \
        job means contention; fewer cores busy than --jobs means waiting, in rex or for cores that other processes \
        hold: the time threads spent waiting in the run queue tells which), time spent in each stage, peak memory (VmHWM), and the floor: \
        ICU word and sentence breaking alone over the same text. Build with -c release for meaningful figures.
        """
    )

    @Argument(help: "Reports to repeat (files or folders).")
    var paths: [String] = ["Corpus/raw"]

    @Option(help: "Size of the text to process, in megabytes (10^6 bytes of UTF-8).")
    var megabytes: Double = 10

    @Option(help: "Also measure with this many documents in parallel (0 to skip).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "The data folder (Gazetteers/).")
    var data: String?

    @Option(help: "Write the figures as JSON here.")
    var json: String?

    func run() async throws {
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let t0 = clock.now
        let dataURL = try DataDirectory.locate(explicit: data)
        let pipeline = try Rex.defaultPipeline(data: dataURL)
        let startup = seconds(clock.now - t0)

        let (files, errors) = InputFiles.expand(paths)
        for e in errors { Console.error(e) }
        let ingestor = Ingestor()
        let sources = try files.map { try ingestor.read(path: $0) }
        guard !sources.isEmpty else { throw CLIError("no reports found under \(paths.joined(separator: ", "))") }
        var docs: [Document] = []
        var bytes = 0
        while Double(bytes) < megabytes * 1_000_000 {
            for s in sources {
                var d = s
                d.id = "\(s.id)#\(docs.count)"
                docs.append(d)
                bytes += s.text.utf8.count
            }
        }
        let words = docs.reduce(0) { $0 + $1.text.split(whereSeparator: \.isWhitespace).count }

        // Floor: ICU breaking alone.
        let tf = clock.now
        for d in docs { _ = ICUFloor.run(d.text) }
        let floor = seconds(clock.now - tf)

        // One core, with per-stage timings; ingestion (decoding, hashing, layout) timed as a stage of its own.
        var timings: [String: Double] = [:]
        let t1 = clock.now
        for d in docs {
            let ti = clock.now
            var doc = try ingestor.read(bytes: Array(d.text.utf8), format: .text, id: d.id, path: nil)
            timings["ingestion", default: 0] += seconds(clock.now - ti)
            try pipeline.run(&doc, timings: &timings)
        }
        let single = seconds(clock.now - t1)

        // End to end: the batch runner, as `rex annotate` runs it (JSON lines encoded by the workers), with one job and --jobs.
        // CPU time is recorded too: more CPU time for the same work means contention in rex; fewer cores busy
        // than jobs means waiting (serialization in rex, or other processes holding the cores).
        // The time threads spent runnable but waiting for a CPU (Linux schedstat) tells the two apart: rex's
        // threads waiting on each other sleep; threads held back by other processes wait in the run queue.
        func batch(_ jobs: Int) async -> (wall: Double, cpu: Double, queued: Double) {
            let runner = BatchRunner(ingestor: ingestor, pipeline: pipeline, jobs: jobs)
            let inputs = docs.map { BatchInput.record(id: $0.id, content: $0.text, format: .text, dct: $0.dct) }
            let t = clock.now
            let c = Self.cpuSeconds()
            let q = Self.runQueueSeconds()
            var failures = 0, jsonBytes = 0
            // End to end as `rex annotate` runs: each worker also encodes its document's JSON line.
            await runner.run(inputs, prepare: { try DocumentJSON.lineBytes($0).count }) { _, _, r in
                switch r {
                case let .success(n): jsonBytes += n
                case .failure: failures += 1
                }
            }
            if jsonBytes == 0 { Console.error("the batch run wrote no JSON") }
            if failures > 0 { Console.error("\(failures) documents failed in the batch run") }
            return (seconds(clock.now - t), Self.cpuSeconds() - c, Self.runQueueSeconds() - q)
        }
        var parallel: (one: (wall: Double, cpu: Double, queued: Double), many: (wall: Double, cpu: Double, queued: Double))? = nil
        if jobs > 1 { parallel = (await batch(1), await batch(jobs)) }

        let mb = Double(bytes) / 1_000_000
        var report: [String: Any] = [
            "megabytes": mb, "documents": docs.count, "words": words,
            "startup_seconds": startup,
            "icu_floor_seconds": floor,
            "one_core": ["seconds": single, "mb_per_s": mb / single, "words_per_s": Double(words) / single,
                         "documents_per_s": Double(docs.count) / single, "times_floor": single / floor],
            "stage_seconds": timings,
            "peak_memory_mb": Self.peakMemoryMB(),
        ]
        print(String(format: "text: %.1f MB, %d documents, %d words", mb, docs.count, words))
        print(String(format: "start-up (data loaded, pipeline built): %.0f ms", startup * 1000))
        print(String(format: "ICU floor (word + sentence breaking): %.2f s, %.2f MB/s", floor, mb / floor))
        print(String(format: "one core: %.2f s, %.2f MB/s, %.0f words/s, %.1f documents/s, %.2f× the floor",
                     single, mb / single, Double(words) / single, Double(docs.count) / single, single / floor))
        for (stage, t) in timings.sorted(by: { $0.value > $1.value }) {
            print(String(format: "  %-14@ %7.2f s  %5.1f%%", stage as NSString, t, 100 * t / single))
        }
        if let (o, m) = parallel {
            let (one, many) = (o.wall, m.wall)
            print(String(format: "end to end (batch runner, JSON lines encoded), 1 job: %.2f s, %.2f MB/s; --jobs %d: %.2f s, %.2f MB/s, %.2f× one job",
                         one, mb / one, jobs, many, mb / many, one / many))
            print(String(format: "  CPU time: 1 job %.2f s (%.2f cores busy); --jobs %d %.2f s (%.2f cores busy)",
                         o.cpu, o.cpu / one, jobs, m.cpu, m.cpu / many))
            // Threads wanting a CPU = busy + waiting in the run queue: --jobs when rex's threads never wait on each
            // other; fewer when they do (a lock, the ordering window, a serial stage).
            let wantOne = (o.cpu + o.queued) / one, wantMany = (m.cpu + m.queued) / many
            print(String(format: "  waiting for a CPU (held by other processes): 1 job %.2f s, --jobs %d %.2f s; threads busy or wanting a CPU: %.2f and %.2f",
                         o.queued, jobs, m.queued, wantOne, wantMany))
            report["parallel"] = ["jobs": jobs, "one_job_seconds": one, "one_job_mb_per_s": mb / one, "json_encoded": true,
                                  "seconds": many, "mb_per_s": mb / many,
                                  "speedup": one / many, "one_job_cpu_seconds": o.cpu, "cpu_seconds": m.cpu,
                                  "one_job_run_queue_seconds": o.queued, "run_queue_seconds": m.queued,
                                  "threads_wanting_cpu": wantMany]
        }
        print(String(format: "peak memory: %.0f MB", Self.peakMemoryMB()))
        if let json {
            let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
            try OutputFile.write(data, to: json)
        }
    }

    /// User and system CPU time of this process so far, all threads, in seconds.
    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    /// Time this process's threads spent runnable but waiting for a CPU (Linux /proc/self/task/*/schedstat,
    /// second field), in seconds; 0 where unavailable.
    static func runQueueSeconds() -> Double {
        let fm = FileManager.default
        guard let tasks = try? fm.contentsOfDirectory(atPath: "/proc/self/task") else { return 0 }
        var total = 0.0
        for t in tasks {
            guard let s = try? String(contentsOfFile: "/proc/self/task/\(t)/schedstat", encoding: .utf8) else { continue }
            let f = s.split(separator: " ")
            if f.count >= 2, let ns = Double(f[1]) { total += ns / 1e9 }
        }
        return total
    }

    /// Peak resident memory of this process (Linux VmHWM), in MB.
    static func peakMemoryMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }
}
