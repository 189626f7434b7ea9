using System;
using System.Collections.Generic;

namespace SymGrad
{
    /// <summary>
    /// Checks analytic gradients against central finite differences, in the spirit of <c>torch.autograd.gradcheck</c>.
    /// </summary>
    public static partial class GradientCheck
    {
        /// <summary>
        /// Estimates the gradient of <paramref name="f"/> at <paramref name="x"/> by central differences
        /// (f(x + h e_i) - f(x - h e_i)) / 2h. The function receives a private copy of x, which is restored after each component.
        /// </summary>
        /// <param name="f">The scalar function.</param>
        /// <param name="x">The point; never modified.</param>
        /// <param name="step">The step h; finite and positive.</param>
        /// <returns>The estimated gradient, one entry per component of x.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not finite and positive.</exception>
        /// <exception cref="ArgumentException"><paramref name="x"/> contains a non-finite value.</exception>
        public static double[] CentralDifferences(Func<double[], double> f, ReadOnlySpan<double> x, double step = 1e-6)
        {
            ArgumentNullException.ThrowIfNull(f);
            if (!double.IsFinite(step) || step <= 0.0)
            {
                throw new ArgumentOutOfRangeException(nameof(step), step, "The finite-difference step must be finite and positive.");
            }

            for (int i = 0; i < x.Length; i++)
            {
                if (!double.IsFinite(x[i]))
                {
                    throw new ArgumentException($"x[{i}] is {x[i]}; the point must be finite.", nameof(x));
                }
            }

            double[] work = x.ToArray();
            double[] gradient = new double[work.Length];
            for (int i = 0; i < work.Length; i++)
            {
                double original = work[i];
                work[i] = original + step;
                double plus = f(work);
                work[i] = original - step;
                double minus = f(work);
                work[i] = original;
                gradient[i] = (plus - minus) / (2.0 * step);
            }

            return gradient;
        }

        /// <summary>
        /// Compares <paramref name="analytic"/> with the central-difference gradient of <paramref name="f"/> at <paramref name="x"/>.
        /// An entry passes when |analytic - numeric| &lt;= AbsoluteTolerance + RelativeTolerance * |numeric|; NaN anywhere fails.
        /// </summary>
        /// <param name="f">The scalar function.</param>
        /// <param name="x">The point; never modified.</param>
        /// <param name="analytic">The gradient to check, same length as x.</param>
        /// <param name="options">Step and tolerances; defaults to <see cref="GradientCheckOptions"/>'s defaults.</param>
        /// <returns>The report.</returns>
        /// <exception cref="ArgumentException">The lengths differ or an option is out of range.</exception>
        public static GradientCheckReport Compare(Func<double[], double> f, ReadOnlySpan<double> x, ReadOnlySpan<double> analytic, GradientCheckOptions? options = null)
        {
            options ??= new GradientCheckOptions();
            ValidateOptions(options);
            if (analytic.Length != x.Length)
            {
                throw new ArgumentException($"The analytic gradient has {analytic.Length} entries but x has {x.Length}.", nameof(analytic));
            }

            return Report(analytic, CentralDifferences(f, x, options.Step), options);
        }

        /// <summary>Scores each analytic entry against its numeric estimate under the options' tolerances.</summary>
        private static GradientCheckReport Report(ReadOnlySpan<double> analytic, double[] numeric, GradientCheckOptions options)
        {
            var entries = new List<(GradientCheckEntry Entry, double Violation)>(numeric.Length);
            bool passed = true;
            int failed = 0;
            double maxAbs = 0.0;
            double maxRel = 0.0;
            for (int i = 0; i < numeric.Length; i++)
            {
                double a = analytic[i];
                double n = numeric[i];
                double abs = Math.Abs(a - n);
                double scale = Math.Max(Math.Abs(a), Math.Abs(n));
                double rel = abs == 0.0 ? 0.0 : abs / scale;
                double allowed = options.AbsoluteTolerance + (options.RelativeTolerance * Math.Abs(n));
                bool ok = abs <= allowed;
                if (!ok)
                {
                    passed = false;
                    failed++;
                }

                maxAbs = double.IsNaN(abs) || double.IsNaN(maxAbs) ? double.NaN : Math.Max(maxAbs, abs);
                maxRel = double.IsNaN(rel) || double.IsNaN(maxRel) ? double.NaN : Math.Max(maxRel, rel);
                double violation = double.IsNaN(abs) || double.IsNaN(allowed) ? double.PositiveInfinity : (allowed == 0.0 ? (abs == 0.0 ? 0.0 : double.MaxValue) : abs / allowed);
                entries.Add((new GradientCheckEntry(i, a, n, abs, rel), violation));
            }

            entries.Sort((p, q) =>
            {
                int byViolation = q.Violation.CompareTo(p.Violation);
                return byViolation != 0 ? byViolation : p.Entry.Index.CompareTo(q.Entry.Index);
            });
            int take = Math.Min(options.WorstEntriesToReport, entries.Count);
            var worst = new GradientCheckEntry[take];
            for (int i = 0; i < take; i++)
            {
                worst[i] = entries[i].Entry;
            }

            return new GradientCheckReport(passed, numeric.Length, failed, maxAbs, maxRel, worst, options);
        }

        private static void ValidateOptions(GradientCheckOptions options)
        {
            if (!double.IsFinite(options.Step) || options.Step <= 0.0)
            {
                throw new ArgumentException($"Step must be finite and positive, not {options.Step}.", nameof(options));
            }

            if (!double.IsFinite(options.RelativeTolerance) || options.RelativeTolerance < 0.0)
            {
                throw new ArgumentException($"RelativeTolerance must be finite and non-negative, not {options.RelativeTolerance}.", nameof(options));
            }

            if (!double.IsFinite(options.AbsoluteTolerance) || options.AbsoluteTolerance < 0.0)
            {
                throw new ArgumentException($"AbsoluteTolerance must be finite and non-negative, not {options.AbsoluteTolerance}.", nameof(options));
            }

            if (options.WorstEntriesToReport < 0)
            {
                throw new ArgumentException($"WorstEntriesToReport must be non-negative, not {options.WorstEntriesToReport}.", nameof(options));
            }
        }
    }
}
