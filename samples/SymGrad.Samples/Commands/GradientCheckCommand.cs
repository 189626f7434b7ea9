using System;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Models;

namespace SymGrad.Samples.Commands;

/// <summary>Prints generated gradients of scalar functions next to central finite differences.</summary>
internal sealed class GradientCheckCommand : SampleCommand
{
    public override string Name => "gradient-check";

    public override string Description => "Generated gradients of scalar functions against central finite differences.";

    public override string Title => "Generated gradients against finite differences";

    public override int Run(SampleContext context)
    {
        bool allPassed = true;
        foreach ((double x, double y) in new[] { (0.8, -0.5), (-1.2, 0.7) })
        {
            ScalarFunctions.SmoothGradient(x, y, out double dx, out double dy);
            allPassed &= Report(context, "log(1 + e^(xy)) + sin(x) y", x, y, dx, dy, p => ScalarFunctions.Smooth(p[0], p[1]));
            ScalarFunctions.PiecewiseGradient(x, y, out dx, out dy);
            allPassed &= Report(context, "x > 0 ? sqrt(x) y : tanh(xy)^2 + y", x, y, dx, dy, p => ScalarFunctions.Piecewise(p[0], p[1]));
        }

        context.WriteLine(allPassed ? "All generated gradients agree with finite differences." : "Some gradients disagree with finite differences.");
        return allPassed ? 0 : 1;
    }

    private static bool Report(SampleContext context, string name, double x, double y, double dx, double dy, Func<double[], double> f)
    {
        GradientCheckReport report = GradientCheck.Compare(f, new[] { x, y }, new[] { dx, dy });
        double[] numeric = GradientCheck.CentralDifferences(f, new[] { x, y });
        context.WriteLine($"f = {name} at (x, y) = ({SampleContext.F(x, 9)}, {SampleContext.F(y, 9)})");
        context.WriteLine($"  generated           df/dx = {SampleContext.F(dx, 9)}, df/dy = {SampleContext.F(dy, 9)}");
        context.WriteLine($"  finite differences  df/dx = {SampleContext.F(numeric[0], 9)}, df/dy = {SampleContext.F(numeric[1], 9)}   max abs error {report.MaxAbsoluteError:E1}  {(report.Passed ? "ok" : "MISMATCH")}");
        return report.Passed;
    }
}
