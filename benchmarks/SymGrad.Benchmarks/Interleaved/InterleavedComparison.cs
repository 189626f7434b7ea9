using System;

namespace SymGrad.Benchmarks.Interleaved
{
    /// <summary>
    /// One of issue 12's ratio targets as two callables timed against each other: the ratio is the first's time a call
    /// over the second's (generated / hand-written for "within 1.25x", TorchSharp / generated for "20x faster").
    /// </summary>
    /// <param name="Label">The workload and shape, as the BenchmarkDotNet tables name them.</param>
    /// <param name="Ratio">What the ratio is, e.g. "generated / blocked".</param>
    /// <param name="Bound">The target's bound on the ratio.</param>
    /// <param name="AtMost">Whether the ratio must be at most <paramref name="Bound"/> (else at least).</param>
    /// <param name="Prepare">Builds the inputs (the benchmark classes' own) and returns the two callables.</param>
    public sealed record InterleavedComparison(string Label, string Ratio, double Bound, bool AtMost, Func<Contenders> Prepare)
    {
        /// <summary>The target as text: "at most 1.25" or "at least 20".</summary>
        public string Target => (AtMost ? "<= " : ">= ") + Bound.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Whether <paramref name="ratio"/> meets the target.</summary>
        public bool Meets(double ratio) => AtMost ? ratio <= Bound : ratio >= Bound;
    }

    /// <summary>The two callables of a comparison and what lets go of their inputs.</summary>
    /// <param name="First">The numerator's call.</param>
    /// <param name="Second">The denominator's call.</param>
    /// <param name="Release">Lets go of the inputs (the benchmark classes' cleanup).</param>
    public sealed record Contenders(Func<double> First, Func<double> Second, Action Release);
}
