using System;

namespace SymGrad.Generator.Differentiation.Forward;

/// <summary>
/// A construct forward mode cannot differentiate yet (a call through a compiled pullback, a custom
/// derivative without a second-order rule). The builder turns it into SYMGRAD0023 at the method;
/// the gradient and the pullback are still generated.
/// </summary>
internal sealed class TangentUnsupportedException : Exception
{
    public TangentUnsupportedException(string construct)
        : base(construct)
    {
    }
}
