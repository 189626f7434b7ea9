using System;

namespace SymGrad
{
    /// <summary>The <c>float</c> overloads of <see cref="GradientCheck"/>, for <c>float</c> models (docs/single-precision.md).</summary>
    public static partial class GradientCheck
    {
        /// <summary>
        /// Central differences of a <c>float</c> function. The shifted points x ± h are rounded to <c>float</c>, and each
        /// difference is divided by the distance between the two points actually evaluated, so the rounding of the
        /// step costs no accuracy.
        /// </summary>
        /// <param name="f">The scalar function.</param>
        /// <param name="x">The point; never modified.</param>
        /// <param name="step">The step h; finite and positive (large enough that x ± h differ from x in <c>float</c>).</param>
        /// <returns>The estimated gradient, in <c>double</c>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not finite and positive.</exception>
        /// <exception cref="ArgumentException"><paramref name="x"/> contains a non-finite value, or a step too small to move a component.</exception>
        public static double[] CentralDifferences(Func<float[], float> f, ReadOnlySpan<float> x, double step = 4e-3)
        {
            ArgumentNullException.ThrowIfNull(f);
            if (!double.IsFinite(step) || step <= 0.0)
            {
                throw new ArgumentOutOfRangeException(nameof(step), step, "The finite-difference step must be finite and positive.");
            }

            float[] work = x.ToArray();
            double[] gradient = new double[work.Length];
            for (int i = 0; i < work.Length; i++)
            {
                float original = work[i];
                if (!float.IsFinite(original))
                {
                    throw new ArgumentException($"x[{i}] is {original}; the point must be finite.", nameof(x));
                }

                float up = (float)(original + step);
                float down = (float)(original - step);
                if (up == down)
                {
                    throw new ArgumentException($"A step of {step} does not move x[{i}] = {original} in float; use a larger step.", nameof(step));
                }

                work[i] = up;
                double plus = f(work);
                work[i] = down;
                double minus = f(work);
                work[i] = original;
                gradient[i] = (plus - minus) / ((double)up - down);
            }

            return gradient;
        }

        /// <summary>
        /// Compares a <c>float</c> gradient with the central differences of the <c>float</c> function, under
        /// <see cref="GradientCheckOptions.Single"/> unless other options are given.
        /// </summary>
        /// <param name="f">The scalar function.</param>
        /// <param name="x">The point; never modified.</param>
        /// <param name="analytic">The gradient to check, same length as x.</param>
        /// <param name="options">Step and tolerances; null means <see cref="GradientCheckOptions.Single"/>.</param>
        /// <returns>The report.</returns>
        /// <exception cref="ArgumentException">The lengths differ or an option is out of range.</exception>
        public static GradientCheckReport Compare(Func<float[], float> f, ReadOnlySpan<float> x, ReadOnlySpan<float> analytic, GradientCheckOptions? options = null)
        {
            options ??= GradientCheckOptions.Single;
            ValidateOptions(options);
            if (analytic.Length != x.Length)
            {
                throw new ArgumentException($"The analytic gradient has {analytic.Length} entries but x has {x.Length}.", nameof(analytic));
            }

            double[] wide = new double[analytic.Length];
            for (int i = 0; i < wide.Length; i++)
            {
                wide[i] = analytic[i];
            }

            return Report(wide, CentralDifferences(f, x, options.Step), options);
        }
    }
}
