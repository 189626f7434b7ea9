using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// The suite's BenchmarkDotNet configuration: BenchmarkDotNet's ShortRun job (1 launch, 3 warm-up and
    /// 3 measured iterations) run in process, the suite filter, and a CSV report in nanoseconds and
    /// bytes (units in the header) that benchmarks/update-tables.py reads.
    /// </summary>
    /// <remarks>
    /// In process, because the default out-of-process toolchain builds a second copy of this project
    /// whose libLibTorchSharp.so is not patched for Debian 12 (see benchmarks/build), and that copy
    /// alone is about 500 MB.
    /// </remarks>
    public static class SuiteConfig
    {
        /// <summary>Wide enough for every shape name, which BenchmarkDotNet would otherwise cut at 20 characters.</summary>
        private const int MaxParameterWidth = 40;

        public static IConfig Create()
        {
            SummaryStyle csvStyle = new(
                CultureInfo.InvariantCulture,
                printUnitsInHeader: true,
                sizeUnit: SizeUnit.B,
                timeUnit: TimeUnit.Nanosecond,
                printUnitsInContent: false,
                maxParameterColumnWidth: MaxParameterWidth);

            return ManualConfig.CreateEmpty()
                .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortInProcess"))
                .AddColumnProvider(DefaultColumnProviders.Instance)
                // On a noisy VM the mean moves with every interruption; the median and the minimum show what the code can do.
                .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
                .AddLogger(ConsoleLogger.Default)
                .AddExporter(MarkdownExporter.GitHub, new CsvExporter(CsvSeparator.Comma, csvStyle))
                .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
                .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
                .AddFilter(new SuiteFilter())
                .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(MaxParameterWidth));
        }
    }
}
