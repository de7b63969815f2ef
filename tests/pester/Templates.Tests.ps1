# Get-TallyfyTemplate (and its aliases), typed kick-off fields and steps, and tab completion of templates, against a real sandbox process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 40
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    function script:Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
    $script:info = Invoke-TallyfySandboxControl $sb GET info
    function script:TemplateId([string] $Title) { ($info.checklists | Where-Object { $_.title -eq $Title -and $_.organizationId -eq $org }).id }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Get-TallyfyTemplate' {
    It 'lists the live templates as TallyfyTemplate objects with typed kick-off fields' {
        $all = @(Get-TallyfyTemplate)
        $live = @($info.checklists | Where-Object { $_.organizationId -eq $org -and -not $_.archived })
        $all.Count | Should -Be $live.Count
        $all | ForEach-Object { $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyTemplate]) }
        $all.IsArchived | Should -Not -Contain $true
        $purchase = $all | Where-Object Title -eq 'Purchase request'
        $purchase.KickoffFields.Count | Should -Be 13
        $types = @($purchase.KickoffFields.Type)
        foreach ($t in 'text', 'textarea', 'radio', 'dropdown', 'multiselect', 'date', 'email', 'file', 'table', 'assignees_form') { $types | Should -Contain $t }
        $dept = $purchase.KickoffFields | Where-Object Label -eq 'Department'
        $dept | Should -BeOfType ([TallyfyPS.Model.TallyfyFieldDefinition])
        $dept.Id | Should -Match '^[0-9a-f]{32}$'
        $dept.Required | Should -BeTrue
        $dept.Alias | Should -Not -BeNullOrEmpty
        $dept.Options.Text | Should -Be @('Operations', 'Sales', 'R&D')
        $dept.Options[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyFieldOption])
        $dept.Options.Id | Should -Be @(201, 202, 203)
        ($purchase.KickoffFields | Where-Object Type -eq table).Columns.Label | Should -Be @('Item', 'Quantity', 'Unit price')
    }

    It 'searches -Name on the server, and matches wildcards against the whole title' {
        @(Get-TallyfyTemplate -Name 'onboarding').Title | Sort-Object | Should -Be @('Employee onboarding', 'Vendor onboarding')
        @(Get-TallyfyTemplate -Name '*onboarding').Title | Sort-Object | Should -Be @('Employee onboarding', 'Vendor onboarding')
        @(Get-TallyfyTemplate -Name 'Employee*').Title | Should -Be 'Employee onboarding'
        @(Get-TallyfyTemplate -Name '*board').Title | Should -BeNullOrEmpty
        $seq = LastSeq
        $null = @(Get-TallyfyTemplate -Name 'Vendor*')
        (RequestsSince $seq).query | Should -Match 'q=Vendor'
    }

    It 'filters -Status, and shows archived templates with -Archived and -ArchivedOnly' {
        @(Get-TallyfyTemplate -Status draft).Title | Should -Be 'Security incident'
        $archived = @(Get-TallyfyTemplate -ArchivedOnly)
        $archived.Title | Should -Be 'Office move'
        $archived[0].IsArchived | Should -BeTrue
        @(Get-TallyfyTemplate -Archived).Title | Should -Contain 'Office move'
        @(Get-TallyfyTemplate -Archived).Count | Should -Be (@(Get-TallyfyTemplate).Count + 1)
    }

    It 'reads steps and tags with -Include' {
        $t = Get-TallyfyTemplate -Name 'Quarterly audit' -Include Steps, Tags
        $t.Steps.Title | Should -Be @('Collect ledgers', 'Reconcile accounts', 'Review exceptions', 'Partner sign-off', 'Archive evidence')
        ($t.Steps | Where-Object Title -eq 'Partner sign-off').StepType | Should -Be 'approval'
        $t.Steps[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyStep])
        $t.Steps[0].FormFields.Count | Should -BeGreaterThan 0
        $t.Tags.Count | Should -BeGreaterThan 0
        (Get-TallyfyTemplate -Name 'Quarterly audit').Steps.Count | Should -Be 0
    }

    It 'reads by -Id, by its aliases, and an archived template by id; Get-TallyfyBlueprint and Get-TallyfyChecklist are the same' {
        $id = TemplateId 'Quarterly audit'
        (Get-TallyfyTemplate -Id $id).Title | Should -Be 'Quarterly audit'
        (Get-TallyfyTemplate -TemplateId $id).Id | Should -Be $id
        (Get-TallyfyBlueprint -BlueprintId $id).Id | Should -Be $id
        (Get-TallyfyChecklist -checklist_id $id).Id | Should -Be $id
        (Get-Alias Get-TallyfyBlueprint).ResolvedCommandName | Should -Be 'Get-TallyfyTemplate'
        $office = Get-TallyfyTemplate -Id (TemplateId 'Office move')
        $office.Title | Should -Be 'Office move'
        $office.IsArchived | Should -BeTrue
    }

    It 'takes runs from the pipeline (their BlueprintId), in order, and template objects, ids and rows' {
        $runs = @(Get-TallyfyRun -First 4)
        $templates = @($runs | Get-TallyfyTemplate)
        $templates.Id | Should -Be $runs.BlueprintId
        @($templates | Get-TallyfyTemplate).Id | Should -Be $templates.Id
        @($runs.BlueprintId | Get-TallyfyTemplate).Id | Should -Be $runs.BlueprintId
        @([pscustomobject]@{ BlueprintId = $runs[0].BlueprintId } | Get-TallyfyTemplate).Id | Should -Be $runs[0].BlueprintId
        @([pscustomobject]@{ TemplateId = $runs[0].BlueprintId } | Get-TallyfyTemplate).Id | Should -Be $runs[0].BlueprintId
    }

    It 'writes one error per bad id and goes on: InvalidBlueprintId, TemplateNotFound' {
        $id = TemplateId 'Quarterly audit'
        $out = @(Get-TallyfyTemplate -Id 'nope', '0123456789abcdef0123456789abcdef', $id -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be $id
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidBlueprintId,*'
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'TemplateNotFound,*'
        $errs[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[1].ErrorDetails.RecommendedAction | Should -Match 'Get-TallyfyTemplate'
    }

    It 'gives a run its template as a TallyfyTemplate with -Include Blueprint' {
        $run = Get-TallyfyRun -First 1 -Include Blueprint
        $run.Blueprint | Should -BeOfType ([TallyfyPS.Model.TallyfyTemplate])
        $run.Blueprint.Id | Should -Be $run.BlueprintId
        $run.Blueprint.KickoffFields.Count | Should -BeGreaterThan 0
    }

    It 'has table views that keep the id first' {
        foreach ($type in 'TallyfyTemplate', 'TallyfyFieldDefinition', 'TallyfyStep') {
            $view = @(Get-FormatData -TypeName "TallyfyPS.Model.$type" -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition |
                Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
            $view.Control.Headers[0].Label | Should -Be 'Id'
            @($view.Control.Headers | Where-Object Width -eq 0).Count | Should -Be 1
        }
        (Get-TallyfyTemplate | Out-String -Width 80) | Should -Match '(?m)^[0-9a-f]{32} '
    }
}

Describe 'Tab completion of templates' {
    It 'completes -Id of Get-TallyfyTemplate by the start of the id and by a word of the title' {
        $id = TemplateId 'Purchase request'
        (Complete "Get-TallyfyTemplate -Id $($id.Substring(0, 6))").CompletionText | Should -Contain $id
        $byWord = Complete 'Get-TallyfyTemplate -Id Purch'
        $byWord.CompletionText | Should -Be $id
        $byWord[0].ListItemText | Should -Match 'Purchase request'
    }

    It 'completes -TemplateId of Start-TallyfyRun and -BlueprintId of Get-TallyfyRun' {
        $id = TemplateId 'Quarterly audit'
        (Complete 'Start-TallyfyRun -TemplateId Quarterly').CompletionText | Should -Be $id
        (Complete "Get-TallyfyRun -BlueprintId $($id.Substring(0, 5))").CompletionText | Should -Contain $id
    }

    It 'completes -Name of Get-TallyfyTemplate with titles, quoted where needed' {
        (Complete 'Get-TallyfyTemplate -Name Purch').CompletionText | Should -Be "'Purchase request'"
        (Complete 'Get-TallyfyTemplate -Name onboard').CompletionText | Sort-Object | Should -Be @("'Employee onboarding'", "'Vendor onboarding'")
    }

    It 'reads the templates once and answers the next completions from the session' {
        $null = Connect-TallyfySandbox $sb    # a new session: nothing cached yet
        $seq = LastSeq
        $null = Complete 'Get-TallyfyTemplate -Id Quar'
        $null = Complete 'Get-TallyfyTemplate -Name Contr'
        $null = Complete 'Start-TallyfyRun -TemplateId Vend'
        @(RequestsSince $seq | Where-Object { $_.path -like '*/checklists' }).Count | Should -Be 1
    }

    It 'completes nothing, silently, without a session' {
        Disconnect-Tallyfy
        Complete 'Get-TallyfyTemplate -Id Quar' | Where-Object ResultType -eq 'ParameterValue' | Should -BeNullOrEmpty
        $null = Connect-TallyfySandbox $sb
    }
}
