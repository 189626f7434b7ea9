using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SymGrad.Models.AdBench;

namespace SymGrad.Benchmarks.AdBench
{
    /// <summary>
    /// One ADBench bundle-adjustment input, read and prepared (untimed, as ADBench's `prepare`): the
    /// residual buffers and the sparse Jacobian are allocated once, and <see cref="Objective"/> and
    /// <see cref="Jacobian"/> fill them. Golden files exist for ba/test.txt only.
    /// </summary>
    public sealed class BaCase
    {
        private BaCase(string name, BaInput input, string goldenFolder)
        {
            Name = name;
            Input = input;
            ReprojectionErrors = new double[2 * input.P];
            WeightErrors = new double[input.P];
            SparseJacobian = new BaSparseJacobian(input);
            string prefix = Path.Combine(goldenFolder, name);
            GoldenResiduals = File.Exists(prefix + "_F_Manual.txt") ? BaGoldenResiduals.Read(prefix + "_F_Manual.txt") : null;
            GoldenJacobian = File.Exists(prefix + "_J_Manual.txt") ? BaSparseJacobian.Read(prefix + "_J_Manual.txt") : null;
            ManualTimes = File.Exists(prefix + "_times_Manual.txt") ? new GoldenFiles(goldenFolder, name).ManualTimes() : null;
        }

        public string Name { get; }

        public BaInput Input { get; }

        public double[] ReprojectionErrors { get; }

        public double[] WeightErrors { get; }

        public BaSparseJacobian SparseJacobian { get; }

        public BaGoldenResiduals? GoldenResiduals { get; }

        public BaSparseJacobian? GoldenJacobian { get; }

        /// <summary>ADBench's Manual C++ seconds per objective and per Jacobian, where measured (test only).</summary>
        public (double Objective, double Jacobian)? ManualTimes { get; }

        /// <summary>ba/test.txt, then ba1 to ba5 (the files' own order).</summary>
        public static IReadOnlyList<BaCase> All(string adbench)
        {
            string folder = Path.Combine(adbench, "ba");
            string golden = Path.Combine(adbench, "golden", "ba");
            return Directory.GetFiles(folder, "*.txt")
                .Select(path => Path.GetFileNameWithoutExtension(path))
                .OrderBy(name => name == "test" ? 0 : 1)
                .ThenBy(name => name, StringComparer.Ordinal)
                .Select(name => new BaCase(name, BaInput.Read(Path.Combine(folder, name + ".txt")), golden))
                .ToList();
        }

        /// <summary>Every residual (ADBench's `ba_objective`); returns one so the call cannot be dropped.</summary>
        public double Objective()
        {
            Input.Objective(ReprojectionErrors, WeightErrors);
            return ReprojectionErrors[0] + WeightErrors[^1];
        }

        /// <summary>Every residual and the sparse Jacobian (ADBench's `calculate_jacobian`).</summary>
        public double Jacobian()
        {
            SparseJacobian.Assemble(Input, ReprojectionErrors, WeightErrors);
            return SparseJacobian.Values[0] + SparseJacobian.Values[^1];
        }
    }
}
