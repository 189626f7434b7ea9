// status: fixed
// found by: --inputs 10000 --seed 104, input #269 (mutation of tests/SymGrad.Generator.Tests/SnapshotTests.cs (string 10): splice a statement), shrunk
// symptom: GeneratedCodeError CS0103: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/Corpus.Model.F_double_double.SymGrad.g.cs(100,23): error CS0103: The name 'dY2' does not exist in the current context
using System;
using SymGrad;
  partial class Model
{
[Differentiable]
 static double F(double x, double y)
{
    double r;
    if (x > 0 && y > 0)
    {
        y = y < 0 || Math.Sqrt(y) > 1 ? 1.0 : y;
if (x > y)
            r = x * y;
            r = Math.Exp( - y);
    }
    else if ((x < 1) || y == 0)
    {
        r = Math.Sqrt(   + 1.0);
    }
    else
    {
        r = y;
    }
    return r * x;
}
}