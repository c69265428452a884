/* Select2 replaces a labelled <select> with spans that carry no accessible name: give each the text of the
 * original field's <label>, so a screen reader announces "Agama" instead of an unnamed combobox. Select2 redraws
 * its selection on every change, so the names are given again after each one. Its mouse-only "×" (clear) is
 * hidden from screen readers: keyboard users clear with Backspace, and in a multiple select it would otherwise
 * sit inside the list of chosen values as a stray non-item. */
(function ($) {
    "use strict";
    function labelOf(select) {
        var label = select.id && document.querySelector("label[for='" + select.id + "']");
        return label ? label.textContent.replace(/\s+/g, " ").replace(/\*\s*$/, "").trim() : "";
    }
    function name(select) {
        var text = labelOf(select);
        if (!text) { return; }
        var $container = $(select).next(".select2-container");
        $container.find(".select2-selection").attr("aria-label", text).removeAttr("aria-labelledby");
        $container.find(".select2-selection--single .select2-selection__rendered").attr("aria-label", text);
        $container.find(".select2-search__field").attr("aria-label", text);
        $container.find(".select2-selection__clear").attr("aria-hidden", "true");
    }
    $(function () {
        $("select.select2-hidden-accessible").each(function () {
            var select = this;
            name(select);
            $(select).on("change.sibika-a11y select2:close.sibika-a11y", function () {
                window.setTimeout(function () { name(select); }, 0);
            });
        });
    });
})(jQuery);
