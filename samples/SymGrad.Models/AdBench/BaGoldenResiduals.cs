using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace SymGrad.Models.AdBench
{
    /// <summary>
    /// ADBench's BA objective file (`{name}_F_Manual.txt`, written by `save_errors_to_file`): the line
    /// "Reprojection error:" and 2 p numbers one a line, then "Zach weight error:" and p numbers.
    /// </summary>
    public sealed class BaGoldenResiduals
    {
        private const string ReprojectionHeader = "Reprojection error:";
        private const string WeightHeader = "Zach weight error:";

        private BaGoldenResiduals(double[] reprojectionErrors, double[] weightErrors)
        {
            ReprojectionErrors = reprojectionErrors;
            WeightErrors = weightErrors;
        }

        public double[] ReprojectionErrors { get; }

        public double[] WeightErrors { get; }

        public static BaGoldenResiduals Read(string path)
        {
            List<double> reprojection = new();
            List<double> weight = new();
            List<double>? section = null;
            int lineNumber = 0;
            foreach (string raw in File.ReadLines(path))
            {
                lineNumber++;
                string line = raw.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (line == ReprojectionHeader)
                {
                    section = reprojection;
                }
                else if (line == WeightHeader)
                {
                    section = weight;
                }
                else if (section is null || !double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    throw new InvalidDataException($"{path}, line {lineNumber}: expected a number after \"{ReprojectionHeader}\" or \"{WeightHeader}\", found \"{line}\"");
                }
                else
                {
                    section.Add(value);
                }
            }

            if (reprojection.Count != 2 * weight.Count || weight.Count == 0)
            {
                throw new InvalidDataException($"{path}: {reprojection.Count} reprojection residuals and {weight.Count} weight residuals (expected 2 p and p, p > 0)");
            }

            return new BaGoldenResiduals(reprojection.ToArray(), weight.ToArray());
        }
    }
}
