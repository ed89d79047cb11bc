using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;

namespace ModeScim.Client.Capabilities
{
    /// <summary>Which user attributes a server returns at all. Emails from a listing: Mode keeps an email for every user,
    /// so a listing where nobody has one is the server leaving them out, not the people. Names and display names are
    /// often missing for everyone (accounts SAML made just in time), so they count as not returned only once the answer
    /// to a PATCH that set them came back without them (learned per connection). The externalId is never judged so: a
    /// sync is how people get one.</summary>
    public sealed class UserAttributesShown
    {
        public static readonly UserAttributesShown All = new UserAttributesShown(true, true, true);

        private UserAttributesShown(bool emails, bool name, bool displayName)
        {
            Emails = emails;
            Name = name;
            DisplayName = displayName;
        }

        public bool Emails { get; }

        public bool Name { get; }

        public bool DisplayName { get; }

        /// <summary>The attributes not shown, for the one verbose line that says they are not compared.</summary>
        public IEnumerable<string> Missing
        {
            get
            {
                if (!Emails) yield return "emails";
                if (!Name) yield return "name";
                if (!DisplayName) yield return "displayName";
            }
        }

        /// <summary>What <paramref name="users"/> and the connection's learning show.</summary>
        public static UserAttributesShown From(IReadOnlyCollection<ScimUser> users, ScimServerCapabilities capabilities)
        {
            return new UserAttributesShown(
                users.Count == 0 || users.Any(u => u.Emails != null && u.Emails.Count > 0),
                capabilities.MayUse(ScimCapability.UserNameShown),
                capabilities.MayUse(ScimCapability.UserDisplayNameShown));
        }
    }
}
