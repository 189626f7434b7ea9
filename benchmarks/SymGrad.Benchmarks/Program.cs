using System;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SymGrad.Benchmarks.AdBench;
using SymGrad.Benchmarks.Benchmarks;
using SymGrad.Benchmarks.Bounds;
using SymGrad.Benchmarks.Checking;
using SymGrad.Benchmarks.Interleaved;
using SymGrad.Benchmarks.Smoke;
using SymGrad.Benchmarks.Torch;

// Commands: smoke | check (or --check) | adbench [--quick] | torch-check | bounds (FMA throughput and read bandwidth) |
// interleaved [--rounds N] [--batch-ms M] [--warmup-ms W] [--only text] (issue 12's ratios timed in alternate rounds) | anything else goes to
// BenchmarkDotNet's switcher (e.g. --filter '*Logistic*') with the suite's in-process ShortRun job
// (see SuiteConfig). Don't add --job or --inProcess: either replaces that job.
string command = args.Length > 0 ? args[0] : string.Empty;
switch (command)
{
    case "smoke":
        return SmokeRunner.Run();
    case "check":
    case "--check":
        return GradientSelfCheck.Run();
    case "adbench":
        return AdBenchCommand.Run(args.Skip(1).ToArray());
    case "torch-check":
        return TorchLoadCheck.Run();
    case "bounds":
        return MachineBounds.Run();
    case "interleaved":
        return InterleavedCommand.Run(args.Skip(1).ToArray());
    default:
        Summary[] summaries = BenchmarkSwitcher.FromTypes(WorkloadCatalog.BenchmarkTypes.Append(typeof(CallOverheadBenchmarks)).Append(typeof(SecondOrderBenchmarks)).Append(typeof(ParallelGradientBenchmarks)).Append(typeof(ParallelMulticlassBenchmarks)).Append(typeof(ParallelSinglePrecisionBenchmarks)).Append(typeof(SinglePrecisionBenchmarks)).Append(typeof(SinglePrecisionRowLanesBenchmarks)).ToArray())
            .Run(args, SuiteConfig.Create())
            .ToArray();
        bool failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));
        return failed ? 1 : 0;
}
