// status: fixed
// found by: --inputs 100000 --seed 2026, input #31331 (mutation of tests/SymGrad.Generator.Tests/SnapshotTests.cs (string 32): rename an identifier), reported under the CS0136 already recorded; printed with --print-input
// symptom: GeneratedCodeError CS0136: a local named dw collides with the gradient output dw of parameter w (known defect: name collisions)
using System;
using SymGrad;

namespace Corpus;

public static partial class Model
{
[Differentiable]
public static double F(double w, double[] u)
{
    double dw = 0;
    foreach (double ut in u)
    {
        dw = Math.Tanh(w * dw + ut);
    }

    return dw;
}
}

