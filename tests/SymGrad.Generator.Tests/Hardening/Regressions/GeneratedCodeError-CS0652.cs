// status: fixed
// found by: --inputs 2000 --seed 14, input #1218 (mutation of tests/SymGrad.Generator.Tests/SnapshotTests.cs (string 30): extreme literal, splice a statement), shrunk
// symptom: GeneratedCodeError CS0652: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/Corpus.Model.F_doubleArray_double_int.SymGrad.g.cs(43,33): warning CS0652: Comparison to integral constant is useless; the constant is outside the range of type 'int'
using SymGrad;
  partial class Model
{
[Differentiable]
 static double F(double[] a, double x, int n)
{
    double s1 = 0;
    {
    }
    double s2 = 0;
    for (int i =  - 1; i > 2147483647; i--)
    {
    }
    double s3 = 0;
    {
    }
    return    + s3;
}
}