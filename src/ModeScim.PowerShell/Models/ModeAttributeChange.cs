namespace ModeScim.PowerShell.Models
{
    /// <summary>One attribute a Create or Update journal record set: Where-Object { $_.Changes.Attribute -contains 'email' }
    /// finds the records that changed an email, and the text reads "email: old@example.com -> new@example.com".</summary>
    public sealed class ModeAttributeChange
    {
        private readonly bool _created;

        /// <param name="created">The change is a create's: its text names the new value alone.</param>
        public ModeAttributeChange(string attribute, string? old, string? @new, bool created)
        {
            Attribute = attribute;
            Old = old;
            New = @new;
            _created = created;
        }

        /// <summary>The SCIM attribute's name: userName, email, givenName, familyName, displayName, externalId or active.</summary>
        public string Attribute { get; }

        /// <summary>The value the server showed before the change; null when it showed none (unknown, not "none"), and on
        /// creates.</summary>
        public string? Old { get; }

        /// <summary>The value set; null when the change cleared the attribute.</summary>
        public string? New { get; }

        public override string ToString() => _created
            ? Attribute + ": " + New
            : Attribute + ": " + (Old ?? "(not shown)") + " -> " + (New ?? "(cleared)");
    }
}
