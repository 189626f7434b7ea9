using System;

namespace SymGrad.Solvers
{
    /// <summary>
    /// An in-place Cholesky factorization A = L Lᵀ of a symmetric n x n row-major matrix and the matching solve, written out so
    /// the runtime needs no linear-algebra package. Only the lower triangle of A is read.
    /// </summary>
    internal static class Cholesky
    {
        /// <summary>
        /// Copies the lower triangle of <paramref name="matrix"/> plus <paramref name="shift"/> times <paramref name="diagonalScale"/>
        /// (or the identity when it is empty) into <paramref name="factor"/> and factors it.
        /// </summary>
        /// <returns>
        /// False when the shifted matrix is not numerically positive definite: a pivot is not finite or not above n·ε times its
        /// own diagonal entry, where cancellation has left no correct digit. Comparing each pivot with its own row (not with the
        /// largest diagonal) accepts well-posed problems whose parameters have very different scales.
        /// </returns>
        public static bool TryFactorShifted(ReadOnlySpan<double> matrix, int n, double shift, ReadOnlySpan<double> diagonalScale, Span<double> factor)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    factor[i * n + j] = matrix[i * n + j];
                }

                double d = matrix[i * n + i] + shift * (diagonalScale.IsEmpty ? 1.0 : diagonalScale[i]);
                factor[i * n + i] = d;
            }

            double relativeFloor = n * 2.220446049250313e-16;
            for (int j = 0; j < n; j++)
            {
                double pivot = factor[j * n + j];
                double pivotFloor = relativeFloor * Math.Abs(pivot);
                for (int k = 0; k < j; k++)
                {
                    pivot -= factor[j * n + k] * factor[j * n + k];
                }

                if (!double.IsFinite(pivot) || pivot <= pivotFloor)
                {
                    return false;
                }

                double diagonal = Math.Sqrt(pivot);
                factor[j * n + j] = diagonal;
                for (int i = j + 1; i < n; i++)
                {
                    double sum = factor[i * n + j];
                    for (int k = 0; k < j; k++)
                    {
                        sum -= factor[i * n + k] * factor[j * n + k];
                    }

                    factor[i * n + j] = sum / diagonal;
                }
            }

            return true;
        }

        /// <summary>Solves L Lᵀ x = -<paramref name="rightHandSide"/> (the Newton and Levenberg-Marquardt systems both have a minus sign).</summary>
        public static void SolveNegated(ReadOnlySpan<double> factor, int n, ReadOnlySpan<double> rightHandSide, Span<double> solution)
        {
            // Forward substitution L y = -b, then back substitution Lᵀ x = y, in place in solution.
            for (int i = 0; i < n; i++)
            {
                double sum = -rightHandSide[i];
                for (int k = 0; k < i; k++)
                {
                    sum -= factor[i * n + k] * solution[k];
                }

                solution[i] = sum / factor[i * n + i];
            }

            for (int i = n - 1; i >= 0; i--)
            {
                double sum = solution[i];
                for (int k = i + 1; k < n; k++)
                {
                    sum -= factor[k * n + i] * solution[k];
                }

                solution[i] = sum / factor[i * n + i];
            }
        }
    }
}
