using System;

namespace SymGrad
{
    /// <summary>Thrown by <see cref="GradientCheckReport.ThrowIfFailed"/> when an analytic gradient disagrees with finite differences.</summary>
    public sealed class GradientCheckException : Exception
    {
        /// <summary>Creates the exception with the report's table as its message.</summary>
        /// <param name="report">The failed report.</param>
        public GradientCheckException(GradientCheckReport report)
            : base(report?.ToString())
        {
            Report = report ?? throw new ArgumentNullException(nameof(report));
        }

        /// <summary>The report that failed.</summary>
        public GradientCheckReport Report { get; }
    }
}
