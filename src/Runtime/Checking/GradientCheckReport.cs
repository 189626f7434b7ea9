using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SymGrad
{
    /// <summary>The outcome of <c>GradientCheck.Compare</c>: pass/fail, the largest errors and the worst entries.</summary>
    public sealed class GradientCheckReport
    {
        internal GradientCheckReport(
            bool passed,
            int entryCount,
            int failedCount,
            double maxAbsoluteError,
            double maxRelativeError,
            IReadOnlyList<GradientCheckEntry> worstEntries,
            GradientCheckOptions options)
        {
            Passed = passed;
            EntryCount = entryCount;
            FailedCount = failedCount;
            MaxAbsoluteError = maxAbsoluteError;
            MaxRelativeError = maxRelativeError;
            WorstEntries = worstEntries;
            Options = options;
        }

        /// <summary>True when every entry met the tolerance and nothing was NaN.</summary>
        public bool Passed { get; }

        /// <summary>The number of gradient components compared.</summary>
        public int EntryCount { get; }

        /// <summary>The number of components that failed the tolerance.</summary>
        public int FailedCount { get; }

        /// <summary>The largest |analytic - numeric| (NaN when any entry was NaN).</summary>
        public double MaxAbsoluteError { get; }

        /// <summary>The largest relative error (NaN when any entry was NaN).</summary>
        public double MaxRelativeError { get; }

        /// <summary>The entries furthest outside the tolerance, worst first (NaN entries come first).</summary>
        public IReadOnlyList<GradientCheckEntry> WorstEntries { get; }

        /// <summary>The options the comparison used.</summary>
        public GradientCheckOptions Options { get; }

        /// <summary>Throws <see cref="GradientCheckException"/> carrying this report when <see cref="Passed"/> is false.</summary>
        /// <exception cref="GradientCheckException">The check failed.</exception>
        public void ThrowIfFailed()
        {
            if (!Passed)
            {
                throw new GradientCheckException(this);
            }
        }

        /// <summary>A readable summary followed by a table of the worst entries.</summary>
        /// <returns>The multi-line text.</returns>
        public override string ToString()
        {
            var text = new StringBuilder();
            text.AppendLine(string.Format(
                CultureInfo.InvariantCulture,
                "Gradient check {0}: {1} of {2} entries outside |analytic - numeric| <= {3:G3} + {4:G3} * |numeric| (step {5:G3}); max abs error {6:G6}, max rel error {7:G6}.",
                Passed ? "PASSED" : "FAILED",
                FailedCount,
                EntryCount,
                Options.AbsoluteTolerance,
                Options.RelativeTolerance,
                Options.Step,
                MaxAbsoluteError,
                MaxRelativeError));
            if (WorstEntries.Count > 0)
            {
                text.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,7} {1,24} {2,24} {3,14} {4,14}", "index", "analytic", "numeric", "abs error", "rel error"));
                foreach (GradientCheckEntry entry in WorstEntries)
                {
                    text.AppendLine(string.Format(
                        CultureInfo.InvariantCulture,
                        "{0,7} {1,24:R} {2,24:R} {3,14:G6} {4,14:G6}",
                        entry.Index,
                        entry.Analytic,
                        entry.Numeric,
                        entry.AbsoluteError,
                        entry.RelativeError));
                }
            }

            return text.ToString().TrimEnd();
        }
    }
}
