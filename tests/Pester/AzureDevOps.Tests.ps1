BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 250
    $script:Pwsh = if ($PSVersionTable.PSEdition -eq 'Core') { Join-Path $PSHOME 'pwsh' } else { Join-Path $PSHOME 'powershell.exe' }
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-ado-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Work

    # Runs a script in a fresh non-interactive process, as a PowerShell@2 step does, and returns its stdout.
    function Invoke-PipelineStep([string] $Script, [hashtable] $Environment) {
        $path = Join-Path $script:Work ('step-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $path -Value $Script
        $saved = @{}
        foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        try {
            $output = & $script:Pwsh -NoProfile -NonInteractive -File $path 2>&1 | ForEach-Object { "$_" }
            [pscustomobject]@{ Output = ($output -join "`n"); ExitCode = $LASTEXITCODE }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

AfterAll {
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Running in Azure DevOps' -Tag 'Slow' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
    }

    It 'annotates each per-item failure that reaches the log as a warning and ends the run as SucceededWithIssues' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
'ghost-one@example.com', 'ghost-two@example.com' | Get-ModeUser
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $warnings = @($run.Output -split "`n" | Where-Object { $_ -like '##vso`[task.logissue type=warning*' })
        $warnings.Count | Should -Be 2
        $warnings[0] | Should -BeLike '*code=ModeScim.UserNotFound*ghost-one@example.com*'
        ($run.Output -split "`n") | Should -Contain '##vso[task.complete result=SucceededWithIssues;]'
        $run.Output | Should -Not -BeLike "*$($script:Emulator.Token)*"
    }

    It 'does not annotate a failure the caller handled with <Handling>' -TestCases @(
        @{ Handling = '-ErrorAction SilentlyContinue'; Call = "`$null = Get-ModeUser 'ghost@example.com' -ErrorAction SilentlyContinue" }
        @{ Handling = '-ErrorAction Ignore'; Call = "`$null = Get-ModeUser 'ghost@example.com' -ErrorAction Ignore" }
        @{ Handling = '$ErrorActionPreference SilentlyContinue'; Call = "`$ErrorActionPreference = 'SilentlyContinue'; `$null = Get-ModeUser 'ghost@example.com'" }
        @{ Handling = '-ErrorAction Stop inside try/catch'; Call = "try { Get-ModeUser 'ghost@example.com' -ErrorAction Stop } catch { 'handled: ' + `$_.FullyQualifiedErrorId }" }
    ) {
        $step = @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
$Call
'done'
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.ExitCode | Should -Be 0
        ($run.Output -split "`n") | Should -Contain 'done'
        $run.Output | Should -Not -BeLike '*##vso`[task.logissue*'
        $run.Output | Should -Not -BeLike '*##vso`[task.complete*'
    }

    It 'writes no annotations when MODESCIM_ADO_ANNOTATIONS is 0, and still neutralises logging commands in names' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
Get-ModeUser `$env:MODESCIM_TEST_NAME -ErrorVariable failed
'id: ' + `$failed[0].FullyQualifiedErrorId
"@
        # The name comes from data (an HR file, here the environment), as it would in a real run.
        $environment = @{
            TF_BUILD = 'True'; MODESCIM_ADO_ANNOTATIONS = '0'; MODESCIM_TEST_NAME = 'ghost ##vso[task.setvariable variable=x]1@example.com'
            MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token
        }
        $run = Invoke-PipelineStep $step $environment

        $run.Output | Should -BeLike '*id: ModeScim.UserNotFound,*'
        $run.Output | Should -BeLike '*ghost ##vso%5Btask.setvariable*'
        $run.Output | Should -Not -BeLike '*##vso`[*'
    }

    It 'annotates each failure of the nightly example exactly once, although the step shows warnings too' {
        $csv = Join-Path $script:Work 'hr-with-a-bad-row.csv'
        Set-Content -LiteralPath $csv -Value @('UserName,Email,FirstName,LastName', 'broken.row@example.com,not-an-address,Bro,Ken')
        $example = Join-Path $script:RepoRoot 'examples/offboarding.ps1'
        $journal = Join-Path $script:Work 'once.jsonl'
        $report = Join-Path $script:Work 'once.csv'
        $step = "& '$example' -ModulePath '$($script:ModuleManifest)' -HrCsv '$csv' -JournalPath '$journal' -ReportPath '$report' -MaxDisable 100%"

        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        # showWarnings: true turns each WARNING line into an annotation as well: together, one per failure.
        $annotations = @($run.Output -split "`n" | Where-Object { ($_ -like '##vso`[task.logissue*' -or $_ -like 'WARNING:*') -and $_ -like '*broken.row@example.com*' })
        $annotations.Count | Should -Be 1
        $annotations[0] | Should -BeLike '##vso`[task.logissue type=warning;code=ModeScim.InvalidInput*'
    }

    It 'annotates a guard refusal of the nightly example as an error naming its id, fails the step, and changes nothing' {
        $csv = Join-Path $script:Work 'hr-truncated.csv'
        $everyone = @(Import-Csv -LiteralPath (Join-Path $script:RepoRoot 'examples/hr-export.csv') -Encoding UTF8)
        $everyone | Select-Object -First 3 | Export-Csv -LiteralPath $csv -NoTypeInformation -Encoding utf8
        $example = Join-Path $script:RepoRoot 'examples/offboarding.ps1'
        $step = "& '$example' -ModulePath '$($script:ModuleManifest)' -HrCsv '$csv' -JournalPath '$(Join-Path $script:Work 'guard.jsonl')' " +
            "-ReportPath '$(Join-Path $script:Work 'guard.csv')' -MaxDisable 5%"
        Reset-ModeScimEmulator $script:Emulator

        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.ExitCode | Should -Not -Be 0
        $errors = @($run.Output -split "`n" | Where-Object { $_ -like '##vso`[task.logissue type=error*' })
        $errors.Count | Should -Be 1
        $errors[0] | Should -BeLike '##vso`[task.logissue type=error;code=ModeScim.DisableThresholdExceeded]ModeScim.DisableThresholdExceeded: *'
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'annotates each terminating ModeScim error once as an error naming its id, caught or not, and marks it' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
try { Connect-ModeScim -Token (ConvertTo-SecureString 'wrong-token' -AsPlainText -Force) } catch { 'marked: ' + `$_.Exception.Data['ModeScim.Annotated'] }
Get-ModeUser 'someone@example.com'
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $null }

        $errors = @($run.Output -split "`n" | Where-Object { $_ -like '##vso`[task.logissue type=error*' })
        $errors.Count | Should -Be 2
        $errors[0] | Should -BeLike '##vso`[task.logissue type=error;code=ModeScim.Unauthorized]ModeScim.Unauthorized: *'
        $errors[1] | Should -BeLike '##vso`[task.logissue type=error;code=ModeScim.NotConnected]ModeScim.NotConnected: *'
        ($run.Output -split "`n") | Should -Contain 'marked: True'
        $run.Output | Should -Not -BeLike '*wrong-token*'
        $run.Output | Should -Not -BeLike '*##vso`[task.complete*'
    }

    It 'writes no logging commands outside a pipeline' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
'ghost@example.com' | Get-ModeUser -ErrorAction SilentlyContinue
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = $null; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.Output | Should -Not -BeLike '*##vso*'
    }

    It 'runs the nightly offboarding example non-interactively, with no prompt, and leaves its artifacts' {
        $journal = Join-Path $script:Work 'journal.jsonl'
        $report = Join-Path $script:Work 'access-report.csv'
        $example = Join-Path $script:RepoRoot 'examples/offboarding.ps1'
        $step = "& '$example' -ModulePath '$($script:ModuleManifest)' -JournalPath '$journal' -ReportPath '$report'"

        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match '(?m)^Disabled\s+: \S+@example\.com'
        @(Get-ModeScimJournal -Path $journal -Action Disable).Count | Should -Be 8
        # The export's joiners and changed people are journalled too, each before its change.
        @(Get-ModeScimJournal -Path $journal | Where-Object { 'Disable', 'Create', 'Update' -notcontains $_.Action }) | Should -BeNullOrEmpty
        @(Get-Content -LiteralPath $journal).Count | Should -Be @(Get-ModeScimJournal -Path $journal).Count
        @(Import-Csv -LiteralPath $report).Count | Should -BeGreaterThan 200
    }

    It 'prints the nightly example''s names and failures without a logging command an export smuggled in' {
        $csv = Join-Path $script:Work 'hr-with-hostile-names.csv'
        $lines = [System.IO.File]::ReadAllLines((Join-Path $script:RepoRoot 'examples/hr-export.csv'))
        $lines += 'joiner##vso[task.setvariable variable=Owned]yes@example.com,joiner##vso[task.setvariable variable=Owned]yes@example.com,Jo,Iner'
        $lines += '##[error]forged@example.com,not-an-address,For,Ged'
        Set-Content -LiteralPath $csv -Value $lines
        $example = Join-Path $script:RepoRoot 'examples/offboarding.ps1'
        $step = "& '$example' -ModulePath '$($script:ModuleManifest)' -HrCsv '$csv' -JournalPath '$(Join-Path $script:Work 'hostile.jsonl')' " +
            "-ReportPath '$(Join-Path $script:Work 'hostile.csv')' -MaxDisable 100%"

        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.Output | Should -BeLike '*joiner##vso%5Btask.setvariable*'
        $run.Output | Should -BeLike '*##%5Berror]forged@example.com*'
        $run.Output | Should -Not -BeLike '*##vso`[task.setvariable*'
        $run.Output | Should -Not -BeLike '*##`[error]*'
    }
}

Describe 'Examples that are safe to copy' -Tag 'Slow' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
    }

    It 'refuses a secret that was never mapped and arrives as the literal macro, naming it' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
try { Connect-ModeScim } catch { 'id: ' + `$_.FullyQualifiedErrorId; 'message: ' + `$_.Exception.Message }
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = '$(ModeScimToken)' }

        $run.Output | Should -BeLike '*id: ModeScim.MissingToken,*'
        $run.Output | Should -BeLike "*literal text '`$(ModeScimToken)'*not defined*"
        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0 -Because 'nothing is sent with such a token'
    }

    It 'refuses a base URI that arrives as the literal macro' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
try { Connect-ModeScim } catch { 'id: ' + `$_.FullyQualifiedErrorId }
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = '$(ModeScimBaseUri)'; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.Output | Should -BeLike '*id: ModeScim.InvalidInput,*'
    }

    It 'pins the module version, runs on no pull request, and keeps the journal in a durable store' {
        $yaml = Get-Content -LiteralPath (Join-Path $script:RepoRoot 'examples/azure-pipelines/offboarding.yml') -Raw
        $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $script:RepoRoot 'ModeScim.psd1')

        $yaml | Should -Match '(?m)^pr: none\s*$'
        $yaml | Should -Match "(?m)^\s+value: '$([regex]::Escape($manifest.ModuleVersion))'\s*$"
        $yaml | Should -Match "Install-PSResource -Name ModeScim -Version '\$\(ModeScimVersion\)'"
        $yaml | Should -Match 'command: download'
        $yaml | Should -Match 'command: publish'
        $yaml | Should -Match '-JournalPath \$\(JournalFolder\)'
    }

    # The pipelines' structure (stages, the deployment job, the secrets' env mapping, the journal's publish condition) is
    # read as YAML by tests/Unit/Examples/AzurePipelinesExampleTests.cs; here, the version pin both pipelines share.
    It 'pins the same module version in the approved pipeline' {
        $yaml = Get-Content -LiteralPath (Join-Path $script:RepoRoot 'examples/azure-pipelines/offboarding-approved.yml') -Raw
        $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $script:RepoRoot 'ModeScim.psd1')

        $yaml | Should -Match '(?m)^pr: none\s*$'
        $yaml | Should -Match "(?m)^\s+value: '$([regex]::Escape($manifest.ModuleVersion))'\s*$"
    }

    It 'reads a BOM-less UTF-8 export and writes the report as UTF-8' {
        $example = Get-Content -LiteralPath (Join-Path $script:RepoRoot 'examples/offboarding.ps1') -Raw
        $example | Should -Match 'Import-Csv -LiteralPath \$HrCsv -Encoding UTF8'
        $example | Should -Match 'Export-Csv -LiteralPath \$ReportPath -NoTypeInformation -Encoding UTF8'

        # The example export plus one person whose name needs UTF-8, saved without a byte order mark.
        $lines = [System.IO.File]::ReadAllLines((Join-Path $script:RepoRoot 'examples/hr-export.csv'), [System.Text.Encoding]::UTF8)
        $lines += 'ines.nunez@example.com,ines.nunez@example.com,Inés,Núñez,Inés Núñez,E99999,Analytics'
        $csv = Join-Path $script:Work 'utf8-no-bom.csv'
        [System.IO.File]::WriteAllLines($csv, $lines, [System.Text.UTF8Encoding]::new($false))
        $report = Join-Path $script:Work 'utf8-report.csv'
        $step = "& '$(Join-Path $script:RepoRoot 'examples/offboarding.ps1')' -ModulePath '$($script:ModuleManifest)' -HrCsv '$csv' " +
            "-JournalPath '$(Join-Path $script:Work 'utf8-journal')/' -ReportPath '$report'"
        $run = Invoke-PipelineStep $step @{ MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.ExitCode | Should -Be 0
        $created = @(Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path 'Users?filter=userName%20eq%20%22ines.nunez@example.com%22').Resources
        $created.Count | Should -Be 1
        $created[0].name.familyName | Should -Be 'Núñez'
        (Get-Content -LiteralPath $report -Raw -Encoding utf8) | Should -Match 'ines\.nunez@example\.com'
    }
}

Describe 'The journal survives hosted agents' -Tag 'Slow' {
    BeforeAll {
        # The durable store (an Azure Artifacts feed in the example pipeline) stands here as a folder of package
        # versions: restore downloads the latest version into a fresh agent, save publishes the folder as the next.
        $script:Store = Join-Path $script:Work 'store'
        $null = New-Item -ItemType Directory -Path (Join-Path $script:Store '0.0.1') -Force
        function Restore-Journal([string] $Agent) {
            $latest = Get-ChildItem -LiteralPath $script:Store -Directory | Sort-Object { [version]$_.Name } | Select-Object -Last 1
            $folder = Join-Path $Agent 'modescim-journal'
            $null = New-Item -ItemType Directory -Path $folder -Force
            Get-ChildItem -LiteralPath $latest.FullName -File | Copy-Item -Destination $folder
            $folder
        }
        function Save-Journal([string] $Folder) {
            $latest = Get-ChildItem -LiteralPath $script:Store -Directory | Sort-Object { [version]$_.Name } | Select-Object -Last 1
            $next = [version]$latest.Name
            $version = Join-Path $script:Store ('{0}.{1}.{2}' -f $next.Major, $next.Minor, ($next.Build + 1))
            $null = New-Item -ItemType Directory -Path $version
            Get-ChildItem -LiteralPath $Folder -File | Copy-Item -Destination $version
        }
        function Invoke-NightlyRun([string] $Agent, [string] $HrCsv) {
            $null = New-Item -ItemType Directory -Path $Agent
            $journal = Restore-Journal $Agent
            $step = "& '$(Join-Path $script:RepoRoot 'examples/offboarding.ps1')' -ModulePath '$($script:ModuleManifest)' -HrCsv '$HrCsv' " +
                "-JournalPath '$journal/' -ReportPath '$(Join-Path $Agent 'report.csv')' -MaxDisable 5%"
            $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }
            Save-Journal $journal
            $run
        }
    }

    It 'restores a returning employee''s groups on a fresh agent from the journal an earlier agent saved' {
        Reset-ModeScimEmulator $script:Emulator -Data
        $everyone = Import-Csv -LiteralPath (Join-Path $script:RepoRoot 'examples/hr-export.csv') -Encoding UTF8
        $leaverRow = $everyone | Where-Object { $_.UserName -like 'chloe.rossi2@*' }
        $leaver = @(Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Users?filter=userName%20eq%20%22$($leaverRow.UserName)%22").Resources[0]
        $groupsBefore = @($leaver.groups | ForEach-Object value | Sort-Object)
        $groupsBefore.Count | Should -BeGreaterOrEqual 1
        $withoutLeaver = Join-Path $script:Work 'hr-night-1.csv'
        $everyone | Where-Object { $_.UserName -ne $leaverRow.UserName } | Export-Csv -LiteralPath $withoutLeaver -NoTypeInformation -Encoding utf8

        $first = Invoke-NightlyRun (Join-Path $script:Work 'agent-1') $withoutLeaver
        $first.ExitCode | Should -Be 0
        $gone = Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Users/$($leaver.id)"
        $gone.active | Should -BeFalse
        @($gone.groups).Count | Should -Be 0 -Because 'Mode drops every membership on deactivation'

        $second = Invoke-NightlyRun (Join-Path $script:Work 'agent-2') (Join-Path $script:RepoRoot 'examples/hr-export.csv')
        $second.ExitCode | Should -Be 0

        $back = Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Users/$($leaver.id)"
        $back.active | Should -BeTrue
        @($back.groups | ForEach-Object value | Sort-Object) | Should -Be $groupsBefore
        $latest = Get-ChildItem -LiteralPath $script:Store -Directory | Sort-Object { [version]$_.Name } | Select-Object -Last 1
        $latest.Name | Should -Be '0.0.3'
        @(Get-ModeScimJournal -Path ($latest.FullName + '/') | Where-Object UserId -eq $leaver.id).Action | Should -Be @('Disable', 'Enable')
    }
}

