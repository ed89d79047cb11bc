using ModeScim.Client.Models;

namespace ModeScim.Client.Lookups
{
    /// <summary>What a lookup of one identity found: one user, nobody, or two users it could equally mean.</summary>
    public sealed class ScimUserResolution
    {
        private ScimUserResolution(ScimUser? user, ScimUser? byUserName, ScimUser? byId)
        {
            User = user;
            ByUserName = byUserName;
            ById = byId;
        }

        public ScimUser? User { get; }

        /// <summary>Set when ambiguous: the user whose userName the text is.</summary>
        public ScimUser? ByUserName { get; }

        /// <summary>Set when ambiguous: the user whose id the text is.</summary>
        public ScimUser? ById { get; }

        public bool IsAmbiguous => ByUserName != null && ById != null;

        public static ScimUserResolution Found(ScimUser user) => new ScimUserResolution(user, null, null);

        public static ScimUserResolution NotFound() => new ScimUserResolution(null, null, null);

        public static ScimUserResolution Ambiguous(ScimUser byUserName, ScimUser byId) => new ScimUserResolution(null, byUserName, byId);
    }
}
