# Objects the module outputs are printed by PowerShell's formatter through ModeScim.Format.ps1xml, past the module's
# own Write methods. Under Azure DevOps (TF_BUILD) a printed line holding "##vso[" or "##[" is a logging command, so a
# name from a server or an HR file must reach the log broken up, while the objects keep their real values.
BeforeDiscovery {
    # Every type the built module has views for, but a connection: one cannot be made with hostile text (its base URI
    # and workspace are checked), and the property-name rule below covers its views.
    $views = [xml](Get-Content -Raw -LiteralPath (Join-Path (Split-Path $env:MODESCIM_TEST_MODULE) 'ModeScim.Format.ps1xml'))
    $script:ViewedTypes = @($views.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName | Sort-Object -Unique |
            Where-Object { $_ -ne 'ModeScim.PowerShell.Connections.ModeScimConnection' })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    Connect-TestEmulatorWithApi -Emulator $script:Emulator
    $script:Pwsh = if ($PSVersionTable.PSEdition -eq 'Core') { Join-Path $PSHOME 'pwsh' } else { Join-Path $PSHOME 'powershell.exe' }

    # Both kinds of command an agent reads: a logging command and a formatting command.
    $script:Hostile = '##[error]##vso[task.setvariable variable=x]1'
    $script:Views = [xml](Get-Content -Raw -LiteralPath (Join-Path (Get-Module ModeScim).ModuleBase 'ModeScim.Format.ps1xml'))

    # The text the host prints for the objects through their table view or their list view, with TF_BUILD set as an
    # agent sets it, or unset.
    function Get-PrintedText {
        param([Parameter(Mandatory)] [object[]] $InputObject, [Parameter(Mandatory)] [string] $As, [switch] $InPipeline)
        $saved = $env:TF_BUILD
        $env:TF_BUILD = if ($InPipeline) { 'True' } else { $null }
        try {
            if ($As -eq 'Table') { $InputObject | Format-Table | Out-String -Width 250 } else { $InputObject | Format-List | Out-String -Width 250 }
        }
        finally {
            $env:TF_BUILD = $saved
        }
    }

    function Assert-NoLoggingCommand([string] $Printed) {
        foreach ($line in $Printed -split "`r?`n") {
            $line | Should -Not -BeLike '*##vso`[*'
            $line | Should -Not -BeLike '*##`[*'
        }
    }

    # An object of a view's type with every text it can hold hostile: each string, each item of a list, each key and
    # value of the attributes, each nested object's text; flags true, so that a view shows what they guard.
    function New-HostileValue([type] $Type) {
        if ($Type -eq [string]) { return $script:Hostile }
        if ($Type -eq [bool]) { return $true }
        if ($Type -eq [uri]) { return [uri]('https://example.com/' + $script:Hostile) }
        if ($Type -eq [ModeScim.PowerShell.Models.ModeAttributes]) {
            $attributes = [ModeScim.PowerShell.Models.ModeAttributes]::new()
            $attributes[$script:Hostile] = $script:Hostile
            return $attributes
        }
        if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition().Name -eq 'ModeList`1') {
            $item = New-HostileValue $Type.GetGenericArguments()[0]
            $items = [Array]::CreateInstance($Type.GetGenericArguments()[0], 2)
            $items[0] = $item
            $items[1] = $item
            # The comma keeps PowerShell from unrolling the list into its items.
            return , $Type::new($items)
        }
        if ($Type.Namespace -eq 'ModeScim.PowerShell.Models' -and -not $Type.IsEnum) {
            $constructor = @($Type.GetConstructors() | Sort-Object { $_.GetParameters().Count } -Descending)[0]
            $object = $constructor.Invoke(@($constructor.GetParameters() | ForEach-Object { New-HostileValue $_.ParameterType }))
            foreach ($property in $Type.GetProperties() | Where-Object { $_.CanWrite }) {
                $value = New-HostileValue $property.PropertyType
                if ($null -ne $value) { $property.SetValue($object, $value) }
            }
            return $object
        }
        $null
    }

    # Every type the cmdlets output, and the types their lists hold, which a script prints as $result.Failed.
    function Get-OutputTypes {
        $direct = @(Get-Command -Module ModeScim -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
                Where-Object { $_ -and $_.Namespace -like 'ModeScim.*' } | Sort-Object FullName -Unique)
        $nested = @($direct | ForEach-Object { $_.GetProperties().PropertyType } |
                Where-Object { $_.IsGenericType -and $_.GetGenericTypeDefinition().Name -eq 'ModeList`1' } |
                ForEach-Object { $_.GetGenericArguments()[0] } | Where-Object { $_.Namespace -like 'ModeScim.*' })
        @($direct) + @($nested) | Sort-Object FullName -Unique
    }

    # Real objects, made by the cmdlets from a server whose names hold logging commands.
    $ada = New-EmulatorUser -Emulator $script:Emulator -UserName "$($script:Hostile).ada@example.com" -DisplayName "$($script:Hostile) Ada"
    $leaver = New-EmulatorUser -Emulator $script:Emulator -UserName "$($script:Hostile).leaver@example.com" -DisplayName "$($script:Hostile) Leaver"
    $sales = New-EmulatorGroup -Emulator $script:Emulator -DisplayName "$($script:Hostile) Sales" -MemberIds @($ada.id, $leaver.id)
    $null = New-EmulatorContent -Emulator $script:Emulator -Creator $ada.userName -Collection "$($script:Hostile) Collection" -Personal `
        -Reports "$($script:Hostile) Report"
    $user = Get-ModeUser -Identity $ada.id
    $group = Get-ModeGroup -Identity $sales.id
    $journal = New-TestJournalPath
    Disable-ModeUser -Identity $leaver.id -Reason "$($script:Hostile) left" -JournalPath $journal
    $userSync = Sync-ModeUser -InputObject @([pscustomobject]@{ UserName = "$($script:Hostile) new"; Email = 'not-an-address' }) -WhatIf `
        -ErrorAction SilentlyContinue
    $script:Shown = @{
        ModeUser                 = $user
        ModeGroup                = $group
        ModeContentItem          = @(Get-ModeContent -Owner $ada.userName)
        ModeScimJournalRecord    = @(Get-ModeScimJournal -Path $journal)
        ModeAccessReportRow      = @(Get-ModeAccessReport | Where-Object UserName -eq $ada.userName)
        ModeGroupSyncResult      = Sync-ModeGroup -Group $group -Member @($ada.userName, "$($script:Hostile).nobody@example.com") -WhatIf `
            -WarningAction SilentlyContinue
        ModeUserSyncResult       = $userSync
        ModeUserSyncFailure      = $userSync.Failed
        ModeGroupMembership      = $user.Groups
        ModeGroupMemberReference = $group.Members
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Format views under Azure DevOps' {
    It 'breaks up logging commands in names a <Type> shows in its <View> view' -ForEach @(
        foreach ($type in 'ModeUser', 'ModeGroup', 'ModeContentItem', 'ModeScimJournalRecord', 'ModeAccessReportRow', 'ModeGroupSyncResult',
            'ModeUserSyncResult', 'ModeUserSyncFailure', 'ModeGroupMembership', 'ModeGroupMemberReference') {
            foreach ($view in 'Table', 'List') { @{ Type = $type; View = $view } }
        }
    ) {
        $objects = @($script:Shown[$Type])
        $objects.Count | Should -BeGreaterThan 0
        $objects[0].GetType().Name | Should -Be $Type

        $printed = Get-PrintedText -InputObject $objects -As $View -InPipeline

        Assert-NoLoggingCommand $printed
        if (-not ($Type -eq 'ModeUserSyncResult' -and $View -eq 'Table')) {
            # The name is still shown, broken up; a user sync's table shows counts only.
            $printed | Should -BeLike '*##%5Berror]*'
        }
    }

    It 'prints the <Type> names unchanged outside a pipeline, and the objects keep them' -ForEach @(
        @{ Type = 'ModeUser'; Property = 'UserName' }
        @{ Type = 'ModeGroup'; Property = 'DisplayName' }
        @{ Type = 'ModeContentItem'; Property = 'Name' }
        @{ Type = 'ModeScimJournalRecord'; Property = 'Reason' }
        @{ Type = 'ModeAccessReportRow'; Property = 'Groups' }
        @{ Type = 'ModeUserSyncFailure'; Property = 'UserName' }
    ) {
        $objects = @($script:Shown[$Type])

        (Get-PrintedText -InputObject $objects -As Table) | Should -BeLike '*##`[error]##vso`[*'
        (Get-PrintedText -InputObject $objects -As List) | Should -BeLike "*$([WildcardPattern]::Escape($objects[0].$Property))*"
        # Printed in a pipeline too: only the printed text is broken up, never the value a script reads.
        $null = Get-PrintedText -InputObject $objects -As List -InPipeline
        $objects[0].$Property | Should -BeLike "$([WildcardPattern]::Escape($script:Hostile))*"
    }

    It 'prints a pipeline step''s content listing, users and groups without a logging command' {
        # Each command its own formatting: Out-Default shows a second type of object in the same output as a list of
        # all its properties, past its views (see about_ModeScim).
        $step = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-views-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $step -Value @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim -BaseUri '$($script:Emulator.BaseUri)' -Token (ConvertTo-SecureString '$($script:Emulator.Token)' -AsPlainText -Force) ``
    -ApiBaseUri '$($script:Emulator.ApiBaseUri)' -Workspace '$($script:Emulator.Workspace)' ``
    -ApiToken (ConvertTo-SecureString '$($script:Emulator.ApiToken)' -AsPlainText -Force) ``
    -ApiSecret (ConvertTo-SecureString '$($script:Emulator.ApiSecret)' -AsPlainText -Force)
Get-ModeUser -Identity '$($script:Shown.ModeUser.Id)' | Out-Host
Get-ModeGroup -Identity '$($script:Shown.ModeGroup.Id)' | Format-List | Out-Host
Get-ModeContent -Owner '$($script:Shown.ModeUser.UserName)'
"@
        $saved = @{ TF_BUILD = $env:TF_BUILD; NO_COLOR = $env:NO_COLOR }
        try {
            $env:TF_BUILD = 'True'; $env:NO_COLOR = '1'
            $output = (& $script:Pwsh -NoProfile -NonInteractive -File $step 2>&1 | ForEach-Object { "$_" }) -join "`n"
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            Remove-Item -LiteralPath $step
        }

        $output | Should -BeLike '*UserName*DisplayName*Active*'
        $output | Should -BeLike "*$($script:Shown.ModeGroup.Id)*"
        $output | Should -BeLike '*Report*##%5Berror]##vso%5B*'
        Assert-NoLoggingCommand $output
    }
}

Describe 'Every format view' {
    It 'gives each output type a table view and a list view' {
        foreach ($type in Get-OutputTypes) {
            $views = @($script:Views.Configuration.ViewDefinitions.View | Where-Object { $_.ViewSelectedBy.TypeName -eq $type.FullName })
            @($views | Where-Object { $_.TableControl }).Count | Should -Be 1 -Because "Format-Table of $($type.Name) prints its text"
            @($views | Where-Object { $_.ListControl }).Count | Should -Be 1 -Because "Format-List of $($type.Name) prints its text"
        }
    }

    It 'shows no text by property name, where the formatter would print it whole' {
        foreach ($view in $script:Views.Configuration.ViewDefinitions.View) {
            $type = $view.ViewSelectedBy.TypeName -as [type]
            $type | Should -Not -BeNullOrEmpty
            foreach ($name in $view.SelectNodes('.//TableColumnItem/PropertyName | .//ListItem/PropertyName').InnerText) {
                $property = $type.GetProperty($name)
                $property | Should -Not -BeNullOrEmpty
                $property.PropertyType.IsValueType | Should -BeTrue -Because "$($view.Name) shows $name, which can hold text, unneutralised"
            }
        }
    }

    It 'breaks up logging commands in every text a <Name> can hold, in its <View> view' -ForEach @(
        foreach ($type in $script:ViewedTypes) {
            foreach ($view in 'Table', 'List') { @{ Name = $type.Split('.')[-1]; FullName = $type; View = $view } }
        }
    ) {
        $object = New-HostileValue ($FullName -as [type])

        Assert-NoLoggingCommand (Get-PrintedText -InputObject $object -As $View -InPipeline)
    }
}
