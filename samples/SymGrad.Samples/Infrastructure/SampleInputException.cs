using System;

namespace SymGrad.Samples.Infrastructure;

/// <summary>A problem with what the user asked for (a data file that is missing or does not fit the command).</summary>
internal sealed class SampleInputException : Exception
{
    public SampleInputException(string message)
        : base(message)
    {
    }

    public SampleInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
