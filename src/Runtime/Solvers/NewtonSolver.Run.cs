using System;
using System.Collections.Generic;

namespace SymGrad.Solvers
{
    /// <summary>The Newton loop: convergence test, direction, Armijo backtracking, divergence guard.</summary>
    public sealed partial class NewtonSolver
    {
        // Lets the Armijo test accept a step whose decrease is lost in the rounding of f near the optimum, where
        // f(x + p) - f(x) is about -gᵀH⁻¹g / 2, far below ε|f|; without it the last quadratic steps would fail the line search.
        private const double RoundingAllowance = 4 * 2.220446049250313e-16;

        private SolverResult Run(Span<double> x, NewtonStepper stepper, string mode, string functionName)
        {
            int n = x.Length;
            double[] gradient = new double[n];
            double[] trialGradient = new double[n];
            double[] direction = new double[n];
            double[] trial = new double[n];
            var history = new List<double>(Math.Min(Options.MaxIterations, 1000) + 1);

            double value = stepper.Evaluate(x, gradient);
            SolverChecks.FiniteValueAtStart(value, functionName);
            SolverChecks.FiniteAtStart(gradient, "gradient", functionName);
            string? startProblem = stepper.CheckSecondOrder();
            if (startProblem is not null)
            {
                throw new ArgumentException($"At the starting point {startProblem}; the function must return finite values there.", functionName);
            }

            stepper.Accept();
            history.Add(value);
            double explosionLimit = Options.ExplosionFactor * Math.Max(Math.Abs(value), 1.0);
            double gradientNorm = VectorOps.Norm(gradient);
            int evaluations = 1, rejected = 0, corrections = 0;

            SolverResult Result(SolverStopReason reason, string message, int iterations) =>
                new SolverResult(reason, $"Newton ({mode}): {message}", iterations, value, gradientNorm, evaluations, rejected, corrections, history.AsReadOnly());

            string Diverged(int iteration, string problem) =>
                $"diverged in iteration {iteration}: {problem}. x holds the last good point, after iteration {iteration - 1}.";

            for (int iteration = 0; ; iteration++)
            {
                if (gradientNorm <= Options.GradientTolerance)
                {
                    return Result(SolverStopReason.Converged, $"converged after {iteration} iterations: ‖g‖ = {VectorOps.Format(gradientNorm)} ≤ GradientTolerance {VectorOps.Format(Options.GradientTolerance)}.", iteration);
                }

                if (iteration == Options.MaxIterations)
                {
                    return Result(SolverStopReason.MaxIterations, $"stopped after MaxIterations = {iteration} iterations with ‖g‖ = {VectorOps.Format(gradientNorm)} > GradientTolerance {VectorOps.Format(Options.GradientTolerance)}.", iteration);
                }

                string? problem = stepper.ComputeDirection(x, gradient, gradientNorm, direction, out bool corrected);
                if (problem is not null)
                {
                    return Result(SolverStopReason.Diverged, Diverged(iteration + 1, problem), iteration);
                }

                double slope = VectorOps.Dot(gradient, direction);
                if (!(slope < 0.0))
                {
                    // Rounding in a nearly singular solve can leave a direction that does not descend; the gradient direction always does.
                    corrected = true;
                    NewtonStepper.SteepestDescent(gradient, gradientNorm, double.NaN, direction);
                    slope = VectorOps.Dot(gradient, direction);
                }

                if (corrected)
                {
                    corrections++;
                }

                double alpha = 1.0;
                double trialValue = double.NaN;
                bool accepted = false;
                for (int step = 0; step < Options.MaxLineSearchSteps; step++)
                {
                    VectorOps.AddScaled(x, alpha, direction, trial);
                    trialValue = stepper.Evaluate(trial, trialGradient);
                    evaluations++;
                    if (double.IsFinite(trialValue) && trialValue <= value + Options.ArmijoConstant * alpha * slope + RoundingAllowance * Math.Abs(value))
                    {
                        accepted = true;
                        break;
                    }

                    rejected++;
                    alpha *= Options.BacktrackingFactor;
                }

                if (!accepted)
                {
                    return double.IsFinite(trialValue)
                        ? Result(SolverStopReason.LineSearchFailed, $"the line search in iteration {iteration + 1} found no sufficient decrease in {Options.MaxLineSearchSteps} trials (last step length {VectorOps.Format(alpha / Options.BacktrackingFactor)}); ‖g‖ = {VectorOps.Format(gradientNorm)}.", iteration)
                        : Result(SolverStopReason.Diverged, Diverged(iteration + 1, $"f was {VectorOps.Format(trialValue)} at the last of {Options.MaxLineSearchSteps} line-search trials"), iteration);
                }

                if (Math.Abs(trialValue) > explosionLimit)
                {
                    return Result(SolverStopReason.Diverged, Diverged(iteration + 1, $"f exploded to {VectorOps.Format(trialValue)} (more than ExplosionFactor {VectorOps.Format(Options.ExplosionFactor)} times its start); the objective may be unbounded below"), iteration);
                }

                int bad = VectorOps.FirstNonFinite(trialGradient);
                problem = bad >= 0 ? $"gradient[{bad}] became {VectorOps.Format(trialGradient[bad])}" : stepper.CheckSecondOrder();
                if (problem is not null)
                {
                    return Result(SolverStopReason.Diverged, Diverged(iteration + 1, problem), iteration);
                }

                bool moved = !trial.AsSpan().SequenceEqual(x);
                trial.CopyTo(x);
                (gradient, trialGradient) = (trialGradient, gradient);
                stepper.Accept();
                value = trialValue;
                gradientNorm = VectorOps.Norm(gradient);
                history.Add(value);
                if (!moved && gradientNorm > Options.GradientTolerance)
                {
                    return Result(SolverStopReason.NoProgress, $"the step in iteration {iteration + 1} no longer changes x in floating point; ‖g‖ = {VectorOps.Format(gradientNorm)} > GradientTolerance {VectorOps.Format(Options.GradientTolerance)}.", iteration + 1);
                }
            }
        }
    }
}
