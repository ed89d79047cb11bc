using System;
using ModeScim.Client;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class ScimClientOptionsTests
    {
        [Fact]
        public void Options_need_an_absolute_base_and_end_it_with_a_slash()
        {
            var error = Assert.Throws<ArgumentException>(() => new ScimClientOptions(new Uri("scim/v2", UriKind.Relative), () => "t"));
            Assert.Throws<ArgumentException>(() => new ScimClientOptions(null!, () => "t"));

            Assert.StartsWith("The SCIM base URI must be absolute.", error.Message);
            var unslashed = new ScimClientOptions(new Uri("https://x.test/scim/v2"), () => "t");
            Assert.Equal("https://x.test/scim/v2/", unslashed.BaseUri.AbsoluteUri);
            var slashed = new Uri("https://x.test/scim/v2/");
            Assert.Same(slashed, new ScimClientOptions(slashed, () => "t").BaseUri);
            Assert.Matches(@"^ModeScim/\d+\.\d+\.\d+$", new ScimClientOptions(slashed, () => "t").UserAgent);
        }
    }
}
