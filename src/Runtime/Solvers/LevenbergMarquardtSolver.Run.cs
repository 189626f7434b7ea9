using System;
using System.Collections.Generic;

namespace SymGrad.Solvers
{
    /// <summary>The Levenberg-Marquardt loop: normal equations, damped solve, accept or reject, convergence tests.</summary>
    public sealed partial class LevenbergMarquardtSolver
    {
        // λ stops shrinking here (relative to the units of Scaling) so that a run of accepted steps cannot drive it to 0,
        // from which multiplying by DampingIncrease could never recover.
        private const double DampingFloor = 1e-20;

        private SolverResult Run(Span<double> x, int m, ResidualsAndJacobian function)
        {
            int n = x.Length;
            double[] residuals = new double[m];
            double[] jacobian = new double[m * n];
            double[] trialResiduals = new double[m];
            double[] trialJacobian = new double[m * n];
            double[] normal = new double[n * n];
            double[] factor = new double[n * n];
            double[] gradient = new double[n];
            double[] step = new double[n];
            double[] trial = new double[n];
            double[] scale = new double[n];
            bool marquardt = Options.Scaling == LevenbergMarquardtScaling.Marquardt;
            var history = new List<double>(Math.Min(Options.MaxIterations, 1000) + 1);

            function(x, residuals, jacobian);
            SolverChecks.FiniteAtStart(residuals, "residuals", nameof(function));
            SolverChecks.FiniteAtStart(jacobian, "jacobian", nameof(function));
            double value = HalfSquaredNorm(residuals);
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"½‖r‖² overflows at the starting point ({VectorOps.Format(value)}); rescale the residuals or start closer to a fit.", nameof(function));
            }

            NormalEquations(jacobian, residuals, m, n, normal, gradient);
            double gradientNorm = VectorOps.Norm(gradient);
            history.Add(value);
            double largestDiagonal = LargestDiagonal(normal, n);
            double units = marquardt ? 1.0 : (largestDiagonal > 0.0 ? largestDiagonal : 1.0);
            double lambda = Options.InitialDamping * units;
            double lambdaFloor = DampingFloor * units;
            int evaluations = 1, rejected = 0;
            bool lastTrialNonFinite = false;

            SolverResult Result(SolverStopReason reason, string message, int iterations) =>
                new SolverResult(reason, $"Levenberg-Marquardt: {message}", iterations, value, gradientNorm, evaluations, rejected, 0, history.AsReadOnly());

            SolverResult NonFiniteTrials(int iteration) =>
                Result(SolverStopReason.Diverged, $"diverged: the residuals stayed NaN or infinite at every trial step until the step shrank below StepTolerance (iteration {iteration}). x holds the last good point.", iteration);

            void Reject()
            {
                lambda *= Options.DampingIncrease;
                rejected++;
                history.Add(value);
            }

            for (int iteration = 0; ; iteration++)
            {
                if (gradientNorm <= Options.GradientTolerance)
                {
                    return Result(SolverStopReason.Converged, $"converged after {iteration} iterations: ‖Jᵀr‖ = {VectorOps.Format(gradientNorm)} ≤ GradientTolerance {VectorOps.Format(Options.GradientTolerance)}.", iteration);
                }

                if (iteration == Options.MaxIterations)
                {
                    string note = lastTrialNonFinite ? " (the last trial step's residuals were not finite)" : string.Empty;
                    return Result(SolverStopReason.MaxIterations, $"stopped after MaxIterations = {iteration} iterations with ‖Jᵀr‖ = {VectorOps.Format(gradientNorm)}{note}.", iteration);
                }

                for (int i = 0; i < n; i++)
                {
                    // A parameter that no residual depends on has a zero column; damping it with 1 keeps the system solvable (its step is 0).
                    double d = normal[i * n + i];
                    scale[i] = marquardt && d > 0.0 ? d : 1.0;
                }

                if (!Cholesky.TryFactorShifted(normal, n, lambda, scale, factor))
                {
                    Reject();
                    continue;
                }

                Cholesky.SolveNegated(factor, n, gradient, step);
                double stepNorm = VectorOps.Norm(step);
                if (stepNorm <= Options.StepTolerance * (VectorOps.Norm(x) + Options.StepTolerance))
                {
                    return lastTrialNonFinite
                        ? NonFiniteTrials(iteration)
                        : Result(SolverStopReason.Converged, $"converged after {iteration} iterations: the step ‖δ‖ = {VectorOps.Format(stepNorm)} is within StepTolerance {VectorOps.Format(Options.StepTolerance)} of ‖x‖; ‖Jᵀr‖ = {VectorOps.Format(gradientNorm)}.", iteration);
                }

                VectorOps.AddScaled(x, 1.0, step, trial);
                Array.Clear(trialResiduals);
                Array.Clear(trialJacobian);
                function(trial, trialResiduals, trialJacobian);
                evaluations++;
                double trialValue = HalfSquaredNorm(trialResiduals);
                lastTrialNonFinite = !double.IsFinite(trialValue);
                if (lastTrialNonFinite || !(trialValue < value))
                {
                    Reject();
                    continue;
                }

                int bad = VectorOps.FirstNonFinite(trialJacobian);
                if (bad >= 0)
                {
                    return Result(SolverStopReason.Diverged, $"diverged in iteration {iteration + 1}: jacobian[{bad / n}, {bad % n}] became {VectorOps.Format(trialJacobian[bad])} at an accepted step. x holds the last good point.", iteration);
                }

                // The reduction the linear model J δ predicted, ½ δᵀ(λDδ - Jᵀr), which follows from (JᵀJ + λD) δ = -Jᵀr.
                double predicted = 0.0;
                for (int i = 0; i < n; i++)
                {
                    predicted += step[i] * (lambda * scale[i] * step[i] - gradient[i]);
                }

                predicted *= 0.5;
                double previous = value;
                trial.CopyTo(x);
                (residuals, trialResiduals) = (trialResiduals, residuals);
                (jacobian, trialJacobian) = (trialJacobian, jacobian);
                value = trialValue;
                NormalEquations(jacobian, residuals, m, n, normal, gradient);
                gradientNorm = VectorOps.Norm(gradient);
                lambda = Math.Max(lambda / Options.DampingDecrease, lambdaFloor);
                history.Add(value);
                double threshold = Options.RelativeReductionTolerance * previous;
                if (previous - value <= threshold && predicted <= threshold)
                {
                    return Result(SolverStopReason.Converged, $"converged after {iteration + 1} iterations: the last step reduced ½‖r‖² by a fraction {VectorOps.Format((previous - value) / previous)} ≤ RelativeReductionTolerance {VectorOps.Format(Options.RelativeReductionTolerance)}; ‖Jᵀr‖ = {VectorOps.Format(gradientNorm)}.", iteration + 1);
                }
            }
        }

        private static double HalfSquaredNorm(ReadOnlySpan<double> residuals) => 0.5 * VectorOps.Dot(residuals, residuals);

        /// <summary>Writes the lower triangle of JᵀJ and the gradient Jᵀr, walking J row by row (it is row-major).</summary>
        private static void NormalEquations(ReadOnlySpan<double> jacobian, ReadOnlySpan<double> residuals, int m, int n, Span<double> normal, Span<double> gradient)
        {
            normal.Clear();
            gradient.Clear();
            for (int k = 0; k < m; k++)
            {
                ReadOnlySpan<double> row = jacobian.Slice(k * n, n);
                double r = residuals[k];
                for (int i = 0; i < n; i++)
                {
                    double a = row[i];
                    gradient[i] += a * r;
                    if (a == 0.0)
                    {
                        continue;
                    }

                    Span<double> normalRow = normal.Slice(i * n, i + 1);
                    for (int j = 0; j <= i; j++)
                    {
                        normalRow[j] += a * row[j];
                    }
                }
            }
        }

        private static double LargestDiagonal(ReadOnlySpan<double> matrix, int n)
        {
            double largest = 0.0;
            for (int i = 0; i < n; i++)
            {
                largest = Math.Max(largest, matrix[i * n + i]);
            }

            return largest;
        }
    }
}
