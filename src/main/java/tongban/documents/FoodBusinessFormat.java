package tongban.documents;

/**
 * The kind of food business (主体业态) of a food business licence; its digit opens the licence number.
 * The printed name comes from the template's {@code businessFormat} names.
 */
public enum FoodBusinessFormat {
    /** 食品销售经营者. */
    FOOD_SALES(1),
    /** 餐饮服务经营者. */
    CATERING(2),
    /** 集中用餐单位食堂. */
    CANTEEN(3);

    private final int digit;

    FoodBusinessFormat(int digit) {
        this.digit = digit;
    }

    /** The 主体业态 code in the licence number. */
    public int digit() {
        return digit;
    }
}
