using System;

namespace SymGrad.Training
{
    /// <summary>
    /// An <see cref="IProgress{T}"/> that runs its handler immediately on the training thread. Unlike
    /// <see cref="Progress{T}"/>, which posts to the captured synchronisation context or the thread pool, reports arrive in
    /// order and before <see cref="Trainer.Fit(Span{double}, SymGrad.Data.DataSet, IProgress{EpochProgress}?, System.Threading.CancellationToken)"/> returns.
    /// </summary>
    /// <typeparam name="T">The report type.</typeparam>
    public sealed class SynchronousProgress<T> : IProgress<T>
    {
        private readonly Action<T> handler;

        /// <summary>Creates the reporter.</summary>
        /// <param name="handler">Called for each report.</param>
        public SynchronousProgress(Action<T> handler)
        {
            this.handler = handler ?? throw new ArgumentNullException(nameof(handler));
        }

        /// <inheritdoc />
        public void Report(T value) => handler(value);
    }
}
