using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SymGrad.Benchmarks.Workloads;

using SymGrad.Models.AdBench;

namespace SymGrad.Benchmarks.AdBench
{
    /// <summary>
    /// One ADBench input: its objective, optionally a gradient (flat, in ADBench's J layout), and the
    /// golden files to check both against.
    /// </summary>
    public sealed class AdBenchCase
    {
        /// <summary>Central differences cost 2 objective calls per parameter: only the smallest inputs get them.</summary>
        private const int FiniteDifferenceLimit = 30;

        private AdBenchCase(string name, int parameterCount, Func<double> objective, Func<double[], double> gradient, Func<double[], double>? finiteDifferences, GoldenFiles golden)
        {
            Name = name;
            ParameterCount = parameterCount;
            Objective = objective;
            Gradient = gradient;
            FiniteDifferences = finiteDifferences;
            Golden = golden;
        }

        public string Name { get; }

        public int ParameterCount { get; }

        public Func<double> Objective { get; }

        /// <summary>The objective and the generated gradient (ADBench's layout) written into the array.</summary>
        public Func<double[], double> Gradient { get; }

        /// <summary>Central differences into the given array, returning the objective; null on inputs too large for them.</summary>
        public Func<double[], double>? FiniteDifferences { get; }

        public GoldenFiles Golden { get; }

        /// <summary>gmm/test.txt, every gmm/1k file (by d, then K) and every lstm file (by l, then c).</summary>
        public static IReadOnlyList<AdBenchCase> All(string adbench)
        {
            List<AdBenchCase> cases = new()
            {
                Gmm(Path.Combine(adbench, "gmm", "test.txt"), Path.Combine(adbench, "golden", "gmm", "test")),
            };
            cases.AddRange(Directory.GetFiles(Path.Combine(adbench, "gmm", "1k"), "gmm_*.txt")
                .OrderBy(path => Sizes(path)[0]).ThenBy(path => Sizes(path)[1])
                .Select(path => Gmm(path, Path.Combine(adbench, "golden", "gmm", "1k"))));
            cases.AddRange(Directory.GetFiles(Path.Combine(adbench, "lstm"), "lstm_*.txt")
                .OrderBy(path => Sizes(path)[0]).ThenBy(path => Sizes(path)[1])
                .Select(path => Lstm(path, Path.Combine(adbench, "golden", "lstm"))));
            return cases;
        }

        private static AdBenchCase Gmm(string path, string goldenFolder)
        {
            string name = Path.GetFileNameWithoutExtension(path);
            GmmInput input = GmmInput.Read(path);
            Func<double[], double>? differences = null;
            if (input.ParameterCount <= FiniteDifferenceLimit)
            {
                double[][] parameters = { input.Alphas, input.Means, input.Icf };
                differences = gradient =>
                {
                    double[][] parts = { new double[input.Alphas.Length], new double[input.Means.Length], new double[input.Icf.Length] };
                    double value = CentralDifferences.Gradient(input.Objective, parameters, parts);
                    GradientLayout.Pack(parts, gradient);
                    return value;
                };
            }

            return new AdBenchCase(name, input.ParameterCount, input.Objective, gradient => input.Gradient(gradient), differences, new GoldenFiles(goldenFolder, name));
        }

        private static AdBenchCase Lstm(string path, string goldenFolder)
        {
            string name = Path.GetFileNameWithoutExtension(path);
            LstmInput input = LstmInput.Read(path);
            return new AdBenchCase(name, input.ParameterCount, input.Objective, gradient => input.Gradient(gradient), null, new GoldenFiles(goldenFolder, name));
        }

        /// <summary>The two numbers of a name like gmm_d10_K25 or lstm_l2_c1024.</summary>
        private static int[] Sizes(string path) => Path.GetFileNameWithoutExtension(path).Split('_')
            .Skip(1)
            .Select(part => int.Parse(part.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
    }
}
