using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>
/// Issue 9, item 2: methods whose locals and parameters take the names the generator introduces.
/// Each failed to compile before (CS0136, CS0019, CS0177): the generated copy must rename the user's
/// local, never the gradient outputs, and give its own names to the tape, result, buffers and counters.
/// </summary>
public static partial class NameHygieneModels
{
    /// <summary>A local named like the gradient output of <c>x</c>.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LocalNamedLikeOutput(double x)
    {
        double dx = x - 1;
        return dx * dx;
    }

    /// <summary>Locals named like both outputs and like the adjoint the renamed local would get.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LocalsNamedLikeOutputsAndAdjoints(double x, double y)
    {
        double dy = Math.Sin(x * y);
        double dx = dy * x;
        double dDx = dx + y;
        double dx2 = dDx * dy;
        return dx2 + dx;
    }

    /// <summary>A parameter named <c>tape</c> in a method with a taped loop.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ParameterNamedTape(double[] x, double tape)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s = Math.Sin(s * x[i] * tape);
        }

        return s;
    }

    /// <summary>A local named <c>tape</c>, and others named like the result and temporaries.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LocalsNamedTapeAndResult(double[] x, double w)
    {
        double tape = w * 0.5;
        double result = 0;
        double product = 1;
        for (int i = 0; i < x.Length; i++)
        {
            result = Math.Tanh(result * x[i] + tape);
            product = product * Math.Cos(x[i] * w);
        }

        return result + product;
    }

    /// <summary>A loop counter reusing the name of a local declared in an earlier branch.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double CounterNamedLikeBranchLocal(double[] x, double w)
    {
        double s = 0;
        if (w > 0)
        {
            int k = 2;
            s += w * k;
        }

        for (int k = 0; k < x.Length; k++)
        {
            s = Math.Sin(s + x[k] * w);
        }

        return s;
    }

    /// <summary>A double local in a branch, named like the counter of a later loop and of a foreach's element.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double BranchLocalNamedLikeLaterCounters(double[] x, double w)
    {
        double s = w;
        if (w < 10)
        {
            double i = w * w;
            s += Math.Sin(i);
        }
        else
        {
            double v = w;
            s -= v;
        }

        for (int i = 0; i < x.Length; i++)
        {
            s = s * Math.Cos(x[i]);
        }

        foreach (double v in x)
        {
            s += v * s;
        }

        return s;
    }

    /// <summary>Locals named like the adjoint array of a local array and its pooled buffer.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LocalsNamedLikeBuffers(double[] x, double result)
    {
        double[] t = new double[x.Length];
        double dTBuffer = 1.5;
        double tBuffer = 2;
        for (int i = 0; i < x.Length; i++)
        {
            t[i] = Math.Sin(x[i] * result) * tBuffer;
        }

        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s = Math.Cos(s + t[i] * dTBuffer);
        }

        return s;
    }

    /// <summary>A local named like an array output, in a loop that accumulates into it.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LocalNamedLikeArrayOutput(double[] a, double x)
    {
        double da = 0;
        double index = x;
        foreach (double v in a)
        {
            da += v * v * index;
        }

        return da;
    }

    /// <summary>A parameter named <c>nameof</c>: the length check of an output span must not call it.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ParameterNamedNameof(double[] a, double nameof)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s = Math.Sin(s + a[i] * nameof);
        }

        return s;
    }

    /// <summary>Locals and a loop counter spelled as keywords with '@'.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double KeywordLocals(double[] a, double @double)
    {
        double @return = @double * 2;
        for (int @int = 0; @int < a.Length; @int++)
        {
            @return = Math.Sin(@return + a[@int]);
        }

        return @return;
    }
}
