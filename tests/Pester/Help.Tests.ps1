# Every exported cmdlet has complete help: synopsis, description, every parameter described, at least
# two examples, and examples that parse. Help is compiled from docs/en-US into MAML by the build.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:CmdletNames = @((Get-Module ModeScim).ExportedCmdlets.Keys | Sort-Object)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # -WhatIf and -Confirm must be described too; only the true common parameters are left to about_CommonParameters.
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + @('UseTransaction')
}

Describe 'Help for <_>' -ForEach $CmdletNames {
    BeforeAll {
        $script:Help = Get-Help -Name $_ -Full
        $script:Command = Get-Command -Name $_
    }

    It 'has a synopsis and a description' {
        $script:Help.Synopsis | Should -Not -BeNullOrEmpty
        $script:Help.Synopsis | Should -Not -BeLike "$_ *[[]*"
        ($script:Help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        foreach ($parameter in $script:Command.Parameters.Keys | Where-Object { $script:Common -notcontains $_ }) {
            $described = $script:Help.Parameters.Parameter | Where-Object Name -eq $parameter
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'has at least two examples, each of which parses' {
        $examples = @($script:Help.Examples.Example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($example.Code, [ref] $null, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because $example.Title
        }
    }

    It 'says in a sentence what each example does' {
        foreach ($example in @($script:Help.Examples.Example)) {
            $remarks = (@($example.Remarks | ForEach-Object { $_.Text }) -join ' ').Trim()
            $remarks | Should -Match '\w+ .*\w' -Because "$($example.Title) needs a sentence"
        }
    }

    It 'marks the parameters that take wildcards, and only those' {
        foreach ($parameter in $script:Command.Parameters.Values | Where-Object { $script:Common -notcontains $_.Name }) {
            $wildcards = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
            $described = @($script:Help.Parameters.Parameter | Where-Object Name -eq $parameter.Name)[0]
            $described.globbing | Should -Be $wildcards.ToString().ToLowerInvariant() -Because "-$($parameter.Name)"
        }
    }

    It 'names its inputs and outputs' {
        @($script:Help.InputTypes.InputType).Count | Should -BeGreaterOrEqual 1
        @($script:Help.InputTypes.InputType | Where-Object { -not $_.Type.Name }).Count | Should -Be 0
        $outputs = @($script:Help.ReturnValues.ReturnValue | ForEach-Object { $_.Type.Name })
        $declared = @($script:Command.OutputType | ForEach-Object { $_.Type.FullName })
        if ($declared.Count -eq 0) { $declared = @('None') }
        $outputs | Should -Be $declared
    }

    It 'links related commands by name, with no web address to open' {
        # The project has no public home: -Online says the topic has no address rather than opening a page that does not
        # exist, and every related link is a command or about topic Get-Help can show.
        $links = @($script:Help.RelatedLinks.NavigationLink)
        $known = @((Get-Module ModeScim).ExportedCmdlets.Keys) + 'about_ModeScim'
        $links.Count | Should -BeGreaterOrEqual 1
        foreach ($link in $links) {
            "$($link.Uri)" | Should -BeNullOrEmpty -Because "$_ links $($link.LinkText)"
            $known | Should -Contain $link.LinkText
        }
    }

    It 'numbers its examples 1, 2, 3 and on, with no gap or repeat' {
        $titles = @($script:Help.Examples.Example | ForEach-Object { $_.Title -replace '^-+\s*|\s*-+$', '' })
        for ($i = 0; $i -lt $titles.Count; $i++) {
            $titles[$i] | Should -Match "^Example $($i + 1)(:|$)" -Because ($titles -join ' | ')
        }
    }
}

Describe 'Links in the help and the manifest' {
    BeforeAll {
        # The repository's own address, if it ever has a public one: none today, so every web link is a dead end or a
        # guess. A link is an address a reader follows: a markdown link, a bare address in prose, a help file's related
        # link, a manifest's. An address in code (`https://app.mode.com/api/`, a default; example.test in an example)
        # is a value to type, not a link.
        $script:OwnLinks = @()
        function Get-WebLink([string] $Text, [switch] $Markdown) {
            if ($Markdown) { $Text = [regex]::Replace([regex]::Replace($Text, '(?ms)^```.*?^```', ''), '`[^`]*`', '') }
            [regex]::Matches($Text, 'https?://[^\s''"`<>)\]]+') | ForEach-Object Value |
                Where-Object { $link = $_; -not @($script:OwnLinks | Where-Object { $link.StartsWith($_) }).Count }
        }
    }

    It 'has no web address in the manifest that is not the project''s own' {
        $manifest = Test-ModuleManifest -Path $script:ModuleManifest
        foreach ($uri in $manifest.ProjectUri, $manifest.LicenseUri, $manifest.IconUri, $manifest.HelpInfoUri) {
            if ($uri) { Get-WebLink "$uri" | Should -BeNullOrEmpty }
        }
        Get-WebLink (Get-Content -LiteralPath (Join-Path $script:RepoRoot 'ModeScim.psd1') -Raw) | Should -BeNullOrEmpty
    }

    It 'has no web link in the compiled help or in <_>' -ForEach @('docs/en-US') {
        $helpFolder = Join-Path (Split-Path $script:ModuleManifest) 'en-US'
        $maml = [xml](Get-Content -LiteralPath (Join-Path $helpFolder 'ModeScim.PowerShell.dll-Help.xml') -Raw)
        $uris = @($maml.GetElementsByTagName('uri', 'http://schemas.microsoft.com/maml/2004/10') | ForEach-Object InnerText | Where-Object { $_ })
        $uris | Should -BeNullOrEmpty
        foreach ($page in Get-ChildItem -LiteralPath (Join-Path $script:RepoRoot $_) -Filter '*.md') {
            $text = Get-Content -LiteralPath $page.FullName -Raw
            # Front matter's online version, markdown links, and bare addresses alike.
            $text | Should -Not -Match '(?m)^online version:\s*\S' -Because $page.Name
            @(Get-WebLink $text -Markdown) | Should -BeNullOrEmpty -Because $page.Name
        }
    }

    It 'links docs/en-US pages only to files that exist in the repository' {
        foreach ($page in Get-ChildItem -LiteralPath (Join-Path $script:RepoRoot 'docs/en-US') -Filter '*.md') {
            foreach ($target in [regex]::Matches((Get-Content -LiteralPath $page.FullName -Raw), '\]\(([^)#\s]+)') | ForEach-Object { $_.Groups[1].Value }) {
                if ($target -match '^[a-z]+:') { continue }
                Join-Path $page.DirectoryName $target | Should -Exist -Because "$($page.Name) links $target"
            }
        }
    }

    It 'numbers every help page''s examples 1, 2, 3 and on in its source' {
        foreach ($page in Get-ChildItem -LiteralPath (Join-Path $script:RepoRoot 'docs/en-US') -Filter '*-*.md') {
            $numbers = @([regex]::Matches((Get-Content -LiteralPath $page.FullName -Raw), '(?m)^###\s+Example\s+(\d+)') | ForEach-Object { [int]$_.Groups[1].Value })
            $numbers.Count | Should -BeGreaterOrEqual 2 -Because $page.Name
            $numbers | Should -Be (1..$numbers.Count) -Because $page.Name
        }
    }
}

Describe 'about_ModeScim' {
    It 'lists every cmdlet the manifest exports, in its COMMANDS section' {
        $text = Get-Help about_ModeScim | Out-String
        $commands = ($text -split '(?m)^\s*COMMANDS\s*$', 2)[1]
        $commands | Should -Not -BeNullOrEmpty -Because 'about_ModeScim has a COMMANDS section'
        $commands = ($commands -split '(?m)^[A-Z][A-Z ]+$', 2)[0]
        foreach ($name in (Import-PowerShellDataFile -LiteralPath $script:ModuleManifest).CmdletsToExport) {
            $commands | Should -Match "(?m)^\s*(-\s+)?$([regex]::Escape($name))\b" -Because "$name is exported"
        }
    }


    It 'explains connections, identities, the journal, guards and Azure DevOps' {
        $text = Get-Help about_ModeScim | Out-String
        foreach ($topic in 'CONNECTIONS', 'IDENTITIES', 'THE JOURNAL', 'GUARDS', 'AZURE DEVOPS') {
            $text | Should -BeLike "*$topic*"
        }
    }
}
