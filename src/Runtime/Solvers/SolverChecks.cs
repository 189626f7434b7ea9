using System;

namespace SymGrad.Solvers
{
    /// <summary>Argument checks shared by the solvers, with messages that say what to change.</summary>
    internal static class SolverChecks
    {
        public static void StartingPoint(ReadOnlySpan<double> x)
        {
            if (x.Length == 0)
            {
                throw new ArgumentException("x is empty: there are no parameters to solve for.", nameof(x));
            }

            int bad = VectorOps.FirstNonFinite(x);
            if (bad >= 0)
            {
                throw new ArgumentException($"x[{bad}] is {VectorOps.Format(x[bad])}; the starting point must be finite.", nameof(x));
            }
        }

        /// <summary>The function's outputs at the starting point must be finite: there is no earlier good point to fall back to.</summary>
        public static void FiniteAtStart(ReadOnlySpan<double> values, string what, string parameterName)
        {
            int bad = VectorOps.FirstNonFinite(values);
            if (bad >= 0)
            {
                throw new ArgumentException(
                    $"The function wrote {VectorOps.Format(values[bad])} to {what}[{bad}] at the starting point; it must return finite values there. Check the function, or start from a point inside its domain.",
                    parameterName);
            }
        }

        public static void FiniteValueAtStart(double value, string parameterName)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException(
                    $"The function returned {VectorOps.Format(value)} at the starting point; it must return a finite value there. Check the function, or start from a point inside its domain.",
                    parameterName);
            }
        }

        public static void Positive(int value, string name, string parameterName)
        {
            if (value <= 0)
            {
                throw new ArgumentException($"{name} must be positive, not {value}.", parameterName);
            }
        }

        public static void NonNegativeFinite(double value, string name, string parameterName)
        {
            if (!double.IsFinite(value) || value < 0.0)
            {
                throw new ArgumentException($"{name} must be finite and non-negative, not {VectorOps.Format(value)}.", parameterName);
            }
        }

        public static void PositiveFinite(double value, string name, string parameterName)
        {
            if (!double.IsFinite(value) || value <= 0.0)
            {
                throw new ArgumentException($"{name} must be finite and positive, not {VectorOps.Format(value)}.", parameterName);
            }
        }

        public static void OpenUnitInterval(double value, string name, string parameterName)
        {
            if (!(value > 0.0 && value < 1.0))
            {
                throw new ArgumentException($"{name} must be in (0, 1), not {VectorOps.Format(value)}.", parameterName);
            }
        }

        public static void GreaterThanOne(double value, string name, string parameterName)
        {
            if (!(value > 1.0) || double.IsPositiveInfinity(value))
            {
                throw new ArgumentException($"{name} must be finite and greater than 1, not {VectorOps.Format(value)}.", parameterName);
            }
        }

        public static void Defined<TEnum>(TEnum value, string name, string parameterName)
            where TEnum : struct, Enum
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentException($"{name} is {value}, which is not a {typeof(TEnum).Name} value.", parameterName);
            }
        }
    }
}
