using System;

namespace SymGrad.Solvers
{
    /// <summary>Newton steps from the dense Hessian: (H + λI) p = -g by Cholesky, λ = 0 whenever H is positive definite.</summary>
    internal sealed class DenseNewtonStepper : NewtonStepper
    {
        // Cholesky of a shift that still fails after this many increases means H is not usable (the shift already dwarfs it).
        private const int MaxDampingAttempts = 60;

        private readonly ValueGradientHessian function;
        private readonly NewtonOptions options;
        private readonly int n;
        private readonly double[] factor;
        private double[] hessian;
        private double[] trialHessian;

        public DenseNewtonStepper(ValueGradientHessian function, NewtonOptions options, int n)
        {
            this.function = function;
            this.options = options;
            this.n = n;
            hessian = new double[n * n];
            trialHessian = new double[n * n];
            factor = new double[n * n];
        }

        public override double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
        {
            gradient.Clear();
            Array.Clear(trialHessian);
            return function(x, gradient, trialHessian);
        }

        public override string? CheckSecondOrder()
        {
            int bad = VectorOps.FirstNonFinite(trialHessian);
            return bad < 0 ? null : $"hessian[{bad / n}, {bad % n}] became {VectorOps.Format(trialHessian[bad])}";
        }

        public override void Accept()
        {
            // Swap rather than copy: the trial Hessian of an accepted point is the next iteration's Hessian.
            (hessian, trialHessian) = (trialHessian, hessian);
        }

        public override string? ComputeDirection(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, double gradientNorm, Span<double> direction, out bool corrected)
        {
            corrected = false;
            if (Cholesky.TryFactorShifted(hessian, n, 0.0, default, factor))
            {
                Cholesky.SolveNegated(factor, n, gradient, direction);
                return null;
            }

            corrected = true;
            if (options.IndefiniteHessian == IndefiniteHessianStrategy.Damp && TryFactorDamped())
            {
                Cholesky.SolveNegated(factor, n, gradient, direction);
                return null;
            }

            SteepestDescent(gradient, gradientNorm, CurvatureAlong(gradient), direction);
            return null;
        }

        /// <summary>vᵀHv from the lower triangle, which is all the solver reads.</summary>
        private double CurvatureAlong(ReadOnlySpan<double> v)
        {
            double sum = 0.0;
            for (int i = 0; i < n; i++)
            {
                double offDiagonal = 0.0;
                for (int j = 0; j < i; j++)
                {
                    offDiagonal += hessian[i * n + j] * v[j];
                }

                sum += v[i] * (hessian[i * n + i] * v[i] + 2.0 * offDiagonal);
            }

            return sum;
        }

        /// <summary>
        /// Adds λI with λ growing geometrically until H + λI factors (Nocedal and Wright, Algorithm 3.3). The first λ is just
        /// enough to make the smallest diagonal entry positive, or a small multiple of H's scale.
        /// </summary>
        private bool TryFactorDamped()
        {
            double smallestDiagonal = double.PositiveInfinity;
            double largestDiagonal = 0.0;
            for (int i = 0; i < n; i++)
            {
                smallestDiagonal = Math.Min(smallestDiagonal, hessian[i * n + i]);
                largestDiagonal = Math.Max(largestDiagonal, Math.Abs(hessian[i * n + i]));
            }

            double minimum = options.InitialDamping * Math.Max(1.0, largestDiagonal);
            double lambda = smallestDiagonal > 0.0 ? minimum : -smallestDiagonal + minimum;
            for (int attempt = 0; attempt < MaxDampingAttempts; attempt++)
            {
                if (Cholesky.TryFactorShifted(hessian, n, lambda, default, factor))
                {
                    return true;
                }

                lambda *= options.DampingIncrease;
            }

            return false;
        }
    }
}
