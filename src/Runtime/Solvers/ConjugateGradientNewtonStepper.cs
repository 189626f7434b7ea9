using System;

namespace SymGrad.Solvers
{
    /// <summary>
    /// Truncated Newton steps (Nocedal and Wright, Algorithm 7.1): conjugate gradient on (H + λI) p = -g using only
    /// Hessian-vector products, stopped when the residual falls below min(0.5, √‖g‖)·‖g‖ (which keeps convergence superlinear).
    /// A direction of non-positive curvature shows that H is not positive definite: <see cref="IndefiniteHessianStrategy.Damp"/>
    /// restarts with λ just above the negative curvature found, <see cref="IndefiniteHessianStrategy.SteepestDescent"/> returns
    /// the steps so far (or the gradient direction when there are none), as Algorithm 7.1 does.
    /// </summary>
    internal sealed class ConjugateGradientNewtonStepper : NewtonStepper
    {
        private const int MaxDampingAttempts = 60;

        private readonly ValueAndGradient function;
        private readonly HessianVectorProduct hessianVectorProduct;
        private readonly NewtonOptions options;
        private readonly int maxIterations;
        private readonly double[] residual;
        private readonly double[] searchDirection;
        private readonly double[] hessianTimesDirection;

        public ConjugateGradientNewtonStepper(ValueAndGradient function, HessianVectorProduct hessianVectorProduct, NewtonOptions options, int n)
        {
            this.function = function;
            this.hessianVectorProduct = hessianVectorProduct;
            this.options = options;
            maxIterations = options.ConjugateGradientMaxIterations ?? n;
            residual = new double[n];
            searchDirection = new double[n];
            hessianTimesDirection = new double[n];
        }

        public override double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
        {
            gradient.Clear();
            return function(x, gradient);
        }

        public override string? CheckSecondOrder() => null;

        public override void Accept()
        {
        }

        public override string? ComputeDirection(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, double gradientNorm, Span<double> direction, out bool corrected)
        {
            corrected = false;
            double shift = 0.0;
            double largestCurvature = 0.0;
            for (int attempt = 0; attempt < MaxDampingAttempts; attempt++)
            {
                string? problem = Solve(x, gradient, gradientNorm, shift, direction, out int negativeAt, out double rayleigh, ref largestCurvature);
                if (problem is not null || negativeAt < 0)
                {
                    return problem;
                }

                corrected = true;
                if (options.IndefiniteHessian == IndefiniteHessianStrategy.SteepestDescent)
                {
                    if (negativeAt == 0)
                    {
                        // The first direction is -g itself, so its curvature is the curvature along the gradient.
                        SteepestDescent(gradient, gradientNorm, rayleigh * gradientNorm * gradientNorm, direction);
                    }

                    return null;
                }

                // H's curvature along the offending direction is rayleigh; a shift above -rayleigh removes it, and the floor,
                // relative to the largest curvature seen (the analogue of the dense mode's largest |H_ii|), keeps the shift growing.
                double minimum = options.InitialDamping * Math.Max(1.0, largestCurvature);
                shift = Math.Max(shift * options.DampingIncrease, -rayleigh + minimum);
            }

            SteepestDescent(gradient, gradientNorm, double.NaN, direction);
            return null;
        }

        // Conjugate gradient on (H + shift·I) p = -g, writing p into direction. negativeAt is the CG iteration that met
        // non-positive curvature (-1 if none), rayleigh then dᵀHd / dᵀd of the offending direction for the unshifted H;
        // largestCurvature accumulates the largest |dᵀHd| / dᵀd seen, a scale for the shift.
        private string? Solve(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, double gradientNorm, double shift, Span<double> direction, out int negativeAt, out double rayleigh, ref double largestCurvature)
        {
            negativeAt = -1;
            rayleigh = 0.0;
            double tolerance = Math.Min(0.5, Math.Sqrt(gradientNorm)) * gradientNorm;
            direction.Clear();
            gradient.CopyTo(residual);
            for (int i = 0; i < residual.Length; i++)
            {
                searchDirection[i] = -residual[i];
            }

            double residualSquared = VectorOps.Dot(residual, residual);
            for (int iteration = 0; iteration < maxIterations; iteration++)
            {
                Array.Clear(hessianTimesDirection);
                hessianVectorProduct(x, searchDirection, hessianTimesDirection);
                int bad = VectorOps.FirstNonFinite(hessianTimesDirection);
                if (bad >= 0)
                {
                    return $"the Hessian-vector product's entry {bad} became {VectorOps.Format(hessianTimesDirection[bad])}";
                }

                double directionSquared = VectorOps.Dot(searchDirection, searchDirection);
                double curvature = VectorOps.Dot(searchDirection, hessianTimesDirection);
                largestCurvature = Math.Max(largestCurvature, Math.Abs(curvature) / directionSquared);
                for (int i = 0; i < residual.Length; i++)
                {
                    hessianTimesDirection[i] += shift * searchDirection[i];
                }

                curvature += shift * directionSquared;
                if (curvature <= 0.0)
                {
                    negativeAt = iteration;
                    rayleigh = curvature / directionSquared - shift;
                    return null;
                }

                double alpha = residualSquared / curvature;
                for (int i = 0; i < residual.Length; i++)
                {
                    direction[i] += alpha * searchDirection[i];
                    residual[i] += alpha * hessianTimesDirection[i];
                }

                double nextResidualSquared = VectorOps.Dot(residual, residual);
                if (Math.Sqrt(nextResidualSquared) <= tolerance)
                {
                    return null;
                }

                double beta = nextResidualSquared / residualSquared;
                for (int i = 0; i < residual.Length; i++)
                {
                    searchDirection[i] = -residual[i] + beta * searchDirection[i];
                }

                residualSquared = nextResidualSquared;
            }

            return null;
        }
    }
}
