using System;

namespace SymGrad.Solvers
{
    /// <summary>
    /// The part of a Newton iteration that differs between the dense and the conjugate-gradient modes: how a point is evaluated
    /// and how the step direction is found. <see cref="NewtonSolver"/> owns the loop, the line search and the guards.
    /// </summary>
    internal abstract class NewtonStepper
    {
        /// <summary>Evaluates f and its gradient at a trial point (and whatever the direction needs there); returns f.</summary>
        public abstract double Evaluate(ReadOnlySpan<double> x, Span<double> gradient);

        /// <summary>Describes a non-finite second-order output of the last <see cref="Evaluate"/>, or returns null.</summary>
        public abstract string? CheckSecondOrder();

        /// <summary>The last evaluated point becomes the current one.</summary>
        public abstract void Accept();

        /// <summary>Writes a descent direction at the current point into <paramref name="direction"/>.</summary>
        /// <param name="x">The current point.</param>
        /// <param name="gradient">The gradient at the current point.</param>
        /// <param name="gradientNorm">Its Euclidean norm (positive).</param>
        /// <param name="direction">Receives the direction.</param>
        /// <param name="corrected">Set when the Hessian was not positive definite and the direction is not the plain Newton step.</param>
        /// <returns>A description of a non-finite second-order output met on the way, or null.</returns>
        public abstract string? ComputeDirection(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, double gradientNorm, Span<double> direction, out bool corrected);

        /// <summary>
        /// The negative gradient direction. With positive curvature c = gᵀHg along it, the Cauchy step -(gᵀg / c) g, which
        /// minimizes the quadratic model along -g; otherwise (or with c unknown, NaN) -g scaled to length at most 1, so a steep
        /// start cannot throw the first trial point far away.
        /// </summary>
        public static void SteepestDescent(ReadOnlySpan<double> gradient, double gradientNorm, double curvatureAlongGradient, Span<double> direction)
        {
            double scale = curvatureAlongGradient > 0.0 && double.IsFinite(curvatureAlongGradient)
                ? -(gradientNorm * gradientNorm) / curvatureAlongGradient
                : -Math.Min(1.0, 1.0 / gradientNorm);
            for (int i = 0; i < gradient.Length; i++)
            {
                direction[i] = scale * gradient[i];
            }
        }
    }
}
