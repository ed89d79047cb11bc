namespace ModeScim.Client.Lookups
{
    /// <summary>How one selection of a user query was read, filled in as it is read.</summary>
    public sealed class ScimUserQueryOutcome
    {
        /// <summary>Users that met the selection, before those already handed out, skipped, or past -First.</summary>
        public int Matched { get; internal set; }

        /// <summary>The server was asked for exactly the users wanted, so it applied the skip and the first; its count is
        /// then the selection's count.</summary>
        public bool ServerPaged { get; internal set; }

        /// <summary>The server's count for the listing, when it gave one.</summary>
        public int? Total { get; internal set; }

        /// <summary>The listing was left when a user arrived past the query's first: what follows was not read.</summary>
        public bool StoppedAtFirst { get; internal set; }

        /// <summary>How the last listing ended (whether it came up short of the server's count).</summary>
        public ScimListingOutcome Listing { get; internal set; } = new ScimListingOutcome();

        internal void Restart(bool serverPaged, ScimListingOutcome listing)
        {
            Matched = 0;
            Total = null;
            StoppedAtFirst = false;
            ServerPaged = serverPaged;
            Listing = listing;
        }
    }
}
