namespace ModeScim.PowerShell.Logging
{
    /// <summary>Text as the module's format views (ModeScim.Format.ps1xml) print it. A view prints values itself, past
    /// the module's own Write methods, so each column that shows text calls <see cref="Safe"/>: in an Azure DevOps
    /// pipeline a user, group or report name holding "##vso[" would otherwise act as a logging command. The objects
    /// keep their values; only what a view prints changes. Public only because a view's script block can reach
    /// nothing else of the module: not part of the cmdlet contract.</summary>
    public static class ViewText
    {
        /// <summary>The value's text, broken up in a pipeline (TF_BUILD, read on each call, as each cmdlet reads it when
        /// it starts), else unchanged; null for null. Takes an object so that a list prints as its own text ("a; b"),
        /// not as PowerShell converts a list to a string argument ("a b").</summary>
        public static string? Safe(object? value)
        {
            var text = value?.ToString();
            return text == null || !AzurePipelinesLog.InPipeline ? text : AzurePipelinesLog.BreakUp(text);
        }
    }
}
