using System;

namespace SymGrad.Data
{
    /// <summary>
    /// Well-formed data that cannot give a meaningful result: a single class, a class without rows, a split that would leave
    /// one side empty, or features whose standardised values overflow. It derives from <see cref="ArgumentException"/> because
    /// the data are an argument of the call that refuses them; catch this type to tell bad data from a programming error.
    /// </summary>
    public sealed class UnsuitableDataException : ArgumentException
    {
        private readonly string message;

        /// <summary>Creates the exception.</summary>
        /// <param name="message">What is wrong with the data and what to do about it.</param>
        /// <param name="paramName">The refused argument.</param>
        public UnsuitableDataException(string message, string? paramName)
            : base(message, paramName)
        {
            this.message = message;
        }

        /// <summary>The message alone, without ArgumentException's " (Parameter 'data')" suffix: it is meant for people reading a tool's output.</summary>
        public override string Message => message;
    }
}
