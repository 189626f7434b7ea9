// status: fixed
// found by: --inputs 10000 --seed 102, input #934 (random loop programs, mutated: splice a statement, rename an identifier), shrunk
// symptom: GeneratedCodeError CS1525: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/RandomLoops.F1_doubleArray_double_doubleArray.SymGrad.g.cs(35,14): error CS1525: Invalid expression term 'int'
using System;
using SymGrad;
  partial class RandomLoops
{
     static double F0(double[] a, double x, [NoDerivative] double[] b)
    {
        double s = b[1];
        double u = 0;
        {
        }
        {
        }
        return      + (Math.Pow(s, 3.0));
    }
    [Differentiable]
     static double F1(double[] a, double x, [NoDerivative] double[] b)
    {
        double s = 0;
        double u = b[1];
        for (int @double = 0; @double <= a.Length - 1; ++@double)
        {
        }
        return      + (Math.Max(u, u));
    }
}