namespace ModeScim.PowerShell.Models
{
    /// <summary>A collection or report and who made it, from Mode's REST API: flat, so it goes straight into Export-Csv.</summary>
    public sealed class ModeContentItem
    {
        /// <summary>"Collection" or "Report".</summary>
        public string Kind { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        /// <summary>The creator's Mode username (Mode cannot transfer this).</summary>
        public string Owner { get; set; } = string.Empty;

        public string? OwnerEmail { get; set; }

        /// <summary>The collection itself, or the report's collection.</summary>
        public string? Collection { get; set; }

        /// <summary>True for a personal collection, or a report in one: nobody else can open it once the owner leaves.</summary>
        public bool Personal { get; set; }

        public string Token { get; set; } = string.Empty;

        public string? CollectionToken { get; set; }

        /// <summary>Where to open it in Mode.</summary>
        public string? Url { get; set; }
    }

    public static class ModeContentKind
    {
        public const string Collection = "Collection";
        public const string Report = "Report";
    }
}
