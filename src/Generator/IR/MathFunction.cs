namespace SymGrad.Generator.IR;

/// <summary>The functions the generator knows a derivative rule for (see DerivativeRules).</summary>
internal enum MathFunction
{
    Exp,
    Log,
    Sqrt,
    Pow,
    Sin,
    Cos,
    Tan,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Abs,
    Max,
    Min,
    Sigmoid,
    Softplus,
    Relu,
}

/// <summary>The SymMath functions of whole arrays the generator knows an adjoint for.</summary>
internal enum VectorFunction
{
    LogSumExp,
    LogSoftmax,
    Dot,
}
