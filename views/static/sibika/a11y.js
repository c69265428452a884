/* Select2 replaces a labelled <select> with spans that carry no accessible name: give each the text of the
 * original field's <label>, so a screen reader announces "Agama" instead of an unnamed combobox. */
(function ($) {
    "use strict";
    function name(select) {
        var label = select.id && document.querySelector("label[for='" + select.id + "']");
        return label ? label.textContent.replace(/\s+/g, " ").replace(/\*\s*$/, "").trim() : "";
    }
    $(function () {
        $("select.select2-hidden-accessible, select.my_select2, select[data-placeholder]").each(function () {
            var text = name(this);
            if (!text) { return; }
            var $container = $(this).next(".select2-container");
            $container.find(".select2-selection").attr("aria-label", text).removeAttr("aria-labelledby");
            $container.find(".select2-selection__rendered").attr("aria-label", text);
        });
    });
})(jQuery);
