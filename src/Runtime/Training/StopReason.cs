namespace SymGrad.Training
{
    /// <summary>Why a training run ended.</summary>
    public enum StopReason
    {
        /// <summary>All requested epochs ran.</summary>
        Completed,

        /// <summary>The validation metric stopped improving for the configured patience; the best parameters were restored.</summary>
        EarlyStopped,

        /// <summary>The loss or gradient became NaN/infinite or exploded; the last good parameters were restored.</summary>
        Diverged,

        /// <summary>The cancellation token was signalled; the parameters are those at the end of the last full epoch.</summary>
        Cancelled,
    }
}
