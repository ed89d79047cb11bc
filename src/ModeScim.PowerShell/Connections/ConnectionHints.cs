using System;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>What Connect-ModeScim says about the likely cause of a failed first request, where the status alone would
    /// send an admin to the wrong credential or the wrong setting.</summary>
    internal static class ConnectionHints
    {
        public const string ScimSuffix = "/scim/v2";

        /// <summary>A 404 on /Users: nothing answers SCIM at the base URI, which is most often a base without its
        /// /scim/v2.</summary>
        public static string NoScimAt(Uri baseUri)
        {
            var tried = baseUri.AbsoluteUri.TrimEnd('/');
            var hint = "Nothing answers SCIM at this base URI (tried GET " + tried + "/Users). ";
            return tried.EndsWith(ScimSuffix, StringComparison.OrdinalIgnoreCase)
                ? hint + "Check the workspace name in it: Mode's SCIM base is https://app.mode.com/api/<workspace>/scim/v2."
                : hint + "A SCIM base URI usually ends in " + ScimSuffix + ", such as " + tried + ScimSuffix + ".";
        }

        /// <summary>A 401 or 403 from GET /api/verify: the SCIM token was accepted, so it is the REST pair that is wrong.</summary>
        public static string RestCredentialsRefused(string workspace)
        {
            return "Mode's REST API refused the API token and secret for workspace '" + workspace + "': check -ApiToken and "
                + "-ApiSecret ($env:MODE_API_TOKEN, $env:MODE_API_SECRET), a pair made under the workspace's API tokens in "
                + "Mode's settings. The SCIM token (-Token) is not used there.";
        }
    }
}
