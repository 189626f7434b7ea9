using System;

namespace SymGrad.Solvers
{
    /// <summary>
    /// Truncated Newton steps (Nocedal and Wright, Algorithm 7.1): conjugate gradient on H p = -g using only Hessian-vector
    /// products, stopped when the residual falls below min(0.5, √‖g‖)·‖g‖ (which keeps convergence superlinear) or when a
    /// direction of non-positive curvature appears.
    /// </summary>
    internal sealed class ConjugateGradientNewtonStepper : NewtonStepper
    {
        private readonly ValueAndGradient function;
        private readonly HessianVectorProduct hessianVectorProduct;
        private readonly int maxIterations;
        private readonly double[] residual;
        private readonly double[] searchDirection;
        private readonly double[] hessianTimesDirection;

        public ConjugateGradientNewtonStepper(ValueAndGradient function, HessianVectorProduct hessianVectorProduct, NewtonOptions options, int n)
        {
            this.function = function;
            this.hessianVectorProduct = hessianVectorProduct;
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

                double curvature = VectorOps.Dot(searchDirection, hessianTimesDirection);
                if (curvature <= 0.0)
                {
                    // H is not positive definite along this direction: the steps so far are still a descent direction,
                    // and with none yet the gradient direction is.
                    corrected = true;
                    if (iteration == 0)
                    {
                        SteepestDescent(gradient, gradientNorm, direction);
                    }

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
