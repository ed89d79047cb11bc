using ModeScim.Client;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>A listing that ended before the server's own count is said out loud, with both numbers: a server whose
    /// totalResults is wrong, or that stops paging early, must not cut a sync or a review short without a word.</summary>
    internal static class ShortListing
    {
        public static void Warn(IOperationHost host, ScimListingOutcome outcome, string what)
        {
            if (outcome.EndedShort)
            {
                host.WriteWarning("The server reported " + outcome.ReportedTotal + " " + what + ", but its listing ended after "
                    + outcome.Delivered + ". The results may be incomplete.");
            }
        }
    }
}
