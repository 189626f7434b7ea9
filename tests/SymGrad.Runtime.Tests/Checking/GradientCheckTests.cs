using System;
using SymGrad;
using Xunit;

namespace SymGrad.Runtime.Tests.Checking
{
    public class GradientCheckTests
    {
        // f(x) = x0^2 * x1 + sin(x2); gradient (2 x0 x1, x0^2, cos(x2)).
        private static double F(double[] x) => (x[0] * x[0] * x[1]) + Math.Sin(x[2]);

        private static readonly double[] Point = { 1.5, -2.0, 0.3 };

        private static double[] TrueGradient => new[] { 2 * 1.5 * -2.0, 1.5 * 1.5, Math.Cos(0.3) };

        [Fact]
        public void CentralDifferencesMatchTheDerivativeAndLeaveXUnchanged()
        {
            double[] x = (double[])Point.Clone();
            double[] numeric = GradientCheck.CentralDifferences(F, x, 1e-5);
            Assert.Equal(new[] { 1.5, -2.0, 0.3 }, x);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(TrueGradient[i], numeric[i], 1e-8);
            }
        }

        [Fact]
        public void CentralDifferencesUseTheRequestedStep()
        {
            // For f(x) = x^3 the central difference is 3x^2 + h^2 exactly, so the step is observable.
            double[] numeric = GradientCheck.CentralDifferences(x => x[0] * x[0] * x[0], new[] { 2.0 }, 0.5);
            Assert.Equal(12.0 + 0.25, numeric[0], 12);
        }

        [Fact]
        public void CorrectGradientPasses()
        {
            GradientCheckReport report = GradientCheck.Compare(F, Point, TrueGradient);
            Assert.True(report.Passed, report.ToString());
            Assert.True(report.MaxAbsoluteError < 1e-7);
            report.ThrowIfFailed();
        }

        [Fact]
        public void WrongEntryFailsAndIsReportedFirst()
        {
            double[] wrong = TrueGradient;
            wrong[1] += 0.01;
            GradientCheckReport report = GradientCheck.Compare(F, Point, wrong, new GradientCheckOptions(WorstEntriesToReport: 2));
            Assert.False(report.Passed);
            Assert.Equal(2, report.WorstEntries.Count);
            Assert.Equal(1, report.WorstEntries[0].Index);
            Assert.Equal(0.01, report.MaxAbsoluteError, 6);
            var ex = Assert.Throws<GradientCheckException>(report.ThrowIfFailed);
            Assert.Equal(report.ToString(), ex.Message);
            Assert.Contains("FAILED", ex.Message);
        }

        [Fact]
        public void ToleranceFollowsAllcloseRule()
        {
            double[] analytic = TrueGradient;
            analytic[0] += 1e-4; // |error| = 1e-4 against |numeric| = 6
            Assert.False(GradientCheck.Compare(F, Point, analytic, new GradientCheckOptions(RelativeTolerance: 1e-5, AbsoluteTolerance: 1e-7)).Passed);
            Assert.True(GradientCheck.Compare(F, Point, analytic, new GradientCheckOptions(RelativeTolerance: 1e-4, AbsoluteTolerance: 1e-7)).Passed);
            Assert.True(GradientCheck.Compare(F, Point, analytic, new GradientCheckOptions(RelativeTolerance: 0, AbsoluteTolerance: 2e-4)).Passed);
        }

        [Fact]
        public void NaNFails()
        {
            double[] analytic = TrueGradient;
            analytic[2] = double.NaN;
            GradientCheckReport report = GradientCheck.Compare(F, Point, analytic);
            Assert.False(report.Passed);
            Assert.Equal(2, report.WorstEntries[0].Index);
            Assert.True(double.IsNaN(report.MaxAbsoluteError));
            Assert.False(GradientCheck.Compare(x => double.NaN, Point, TrueGradient).Passed);
        }

        [Fact]
        public void BadArgumentsAreRejected()
        {
            Assert.Throws<ArgumentException>("analytic", () => GradientCheck.Compare(F, Point, new double[2]));
            Assert.Throws<ArgumentOutOfRangeException>("step", () => GradientCheck.CentralDifferences(F, Point, 0.0));
            Assert.Throws<ArgumentException>("options", () => GradientCheck.Compare(F, Point, TrueGradient, new GradientCheckOptions(RelativeTolerance: -1)));
        }
    }
}
