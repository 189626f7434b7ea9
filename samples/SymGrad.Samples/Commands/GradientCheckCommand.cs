using System;
using System.CommandLine;
using System.Globalization;
using SymGrad.Samples.Models;

namespace SymGrad.Samples.Commands;

/// <summary>Prints generated gradients of scalar functions next to central finite differences.</summary>
internal static class GradientCheckCommand
{
    public static Command Create()
    {
        var command = new Command("gradient-check", "Generated gradients of scalar functions against central finite differences.");
        command.SetAction(_ => Run());
        return command;
    }

    public static int Run()
    {
        bool allPassed = true;
        foreach ((double x, double y) in new[] { (0.8, -0.5), (-1.2, 0.7) })
        {
            ScalarFunctions.SmoothGradient(x, y, out double dx, out double dy);
            allPassed &= Report("log(1 + e^(xy)) + sin(x) y", x, y, dx, dy, p => ScalarFunctions.Smooth(p[0], p[1]));
            ScalarFunctions.PiecewiseGradient(x, y, out dx, out dy);
            allPassed &= Report("x > 0 ? sqrt(x) y : tanh(xy)^2 + y", x, y, dx, dy, p => ScalarFunctions.Piecewise(p[0], p[1]));
        }

        Console.WriteLine(allPassed ? "All generated gradients agree with finite differences." : "Some gradients disagree with finite differences.");
        return allPassed ? 0 : 1;
    }

    private static bool Report(string name, double x, double y, double dx, double dy, Func<double[], double> f)
    {
        GradientCheckReport report = GradientCheck.Compare(f, new[] { x, y }, new[] { dx, dy });
        double[] numeric = GradientCheck.CentralDifferences(f, new[] { x, y });
        Console.WriteLine($"f = {name} at (x, y) = ({F(x)}, {F(y)})");
        Console.WriteLine($"  generated           df/dx = {F(dx)}, df/dy = {F(dy)}");
        Console.WriteLine($"  finite differences  df/dx = {F(numeric[0])}, df/dy = {F(numeric[1])}   max abs error {report.MaxAbsoluteError:E1}  {(report.Passed ? "ok" : "MISMATCH")}");
        return report.Passed;
    }

    private static string F(double value) => value.ToString("F9", CultureInfo.InvariantCulture);
}
