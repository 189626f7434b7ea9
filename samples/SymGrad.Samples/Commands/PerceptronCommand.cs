using System;
using System.CommandLine;
using System.Globalization;
using SymGrad.Samples.Models;

namespace SymGrad.Samples.Commands;

/// <summary>
/// The perceptron of the notes: weights (0.1, 0.2, 0.3) with the bias first, input (1, 1).
/// g = 0.6, step(g) = 1, sigmoid(g) = 0.6457, and the generated gradient of the output.
/// </summary>
internal static class PerceptronCommand
{
    public static Command Create()
    {
        var command = new Command("perceptron", "The perceptron and logistic unit of the notes, with the generated gradient of its output.");
        command.SetAction(_ => Run());
        return command;
    }

    public static int Run()
    {
        const double Theta0 = 0.1, Theta1 = 0.2, Theta2 = 0.3, X1 = 1.0, X2 = 1.0;
        double g = LogisticUnit.Discriminant(Theta0, Theta1, Theta2, X1, X2);
        int step = g >= 0 ? 1 : 0;
        double h = LogisticUnit.OutputGradient(Theta0, Theta1, Theta2, X1, X2, out double d0, out double d1, out double d2);

        Console.WriteLine("theta = (0.1, 0.2, 0.3) with the bias first, x = (1, 1 ,1) with x0 = 1");
        Console.WriteLine(Format("g(x) = theta^T x", g));
        Console.WriteLine($"step(g)                 = {step}");
        Console.WriteLine(Format("h = sigmoid(g)", h, "F4"));
        Console.WriteLine($"dh/dtheta (generated)   = ({F(d0)}, {F(d1)}, {F(d2)})");
        Console.WriteLine($"h (1 - h) x (textbook)  = ({F(h * (1 - h))}, {F(h * (1 - h) * X1)}, {F(h * (1 - h) * X2)})");
        return 0;
    }

    private static string Format(string label, double value, string format = "G6") =>
        label.PadRight(24) + "= " + value.ToString(format, CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
