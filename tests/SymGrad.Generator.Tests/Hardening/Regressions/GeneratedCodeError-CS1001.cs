// status: fixed
// found by: --inputs 1000 --seed 2, input #247 (mutation of tests/SymGrad.Generator.Tests/SnapshotTests.cs (string 36): splice a statement, add an overload), shrunk
// symptom: GeneratedCodeError CS1001: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/Corpus.Model.F_doubleArray_double.SymGrad.g.cs(32,20): error CS1001: Identifier expected
using SymGrad;
public  partial class Model
{
 static double F(double[] a, double t)
{
    double m = a[0];
    double s = 0;
    return  + s;
}
[Differentiable]
 static double F(double[] a, double t,double extra)
{
    double m = a[0];
    double s = 0;
    double @double = t; t = @double * @double;
    {
    }
    return  + s;
}
}