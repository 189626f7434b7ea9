using System;
using System.Collections.Generic;

namespace SymGrad.Runtime.Tests.Training
{
    /// <summary>A synchronous IProgress that records every report (Progress&lt;T&gt; posts asynchronously).</summary>
    internal sealed class ListProgress<T> : IProgress<T>
    {
        public List<T> Reports { get; } = new List<T>();

        public void Report(T value) => Reports.Add(value);
    }
}
